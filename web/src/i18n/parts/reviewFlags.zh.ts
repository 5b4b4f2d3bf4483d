/** UI strings of one area, merged into the Chinese dictionary (keys prefixed by the area). */
export const reviewFlagsZh = {
  'reviewFlags.acknowledge': '确认已阅',
  'reviewFlags.note': '处理说明（选填）',
  'reviewFlags.notePlaceholder': '例如：已核对新版数据，通知申请人调整红线',
  'reviewFlags.acknowledgedBy': '{name} 于 {at} 确认',
  'reviewFlags.acknowledgedNote': '说明：{note}',
  'reviewFlags.done': '已确认复审提醒',
  'reviewFlags.showAcknowledged': '显示已确认的提醒',
  'reviewFlags.open': '待确认 {n} 条',
};
