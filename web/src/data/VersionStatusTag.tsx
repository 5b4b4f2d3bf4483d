import { Tag } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import type { VersionStatus } from './types.ts';

const COLOR: Record<VersionStatus, string> = { importing: 'processing', ready: 'success', failed: 'error' };

/** A version's state: 导入中 / 已发布 / 失败. */
export function VersionStatusTag({ status }: { status: VersionStatus }) {
  const { t } = useI18n();
  return <Tag color={COLOR[status]}>{t(`data.status.${status}`)}</Tag>;
}
