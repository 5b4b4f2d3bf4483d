import { Descriptions, Flex, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import { ClockBadge } from './ClockBadge.tsx';
import type { CaseDetail } from './types.ts';
import { useStateName } from './useStateName.ts';

/** Case number, item, state, due date and clock. */
export function CaseHeader({ c }: { c: CaseDetail }) {
  const { t, time } = useI18n();
  const state = useStateName();
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      <Flex gap={8} wrap align="center">
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0, wordBreak: 'break-all' }}>
          {c.caseNo}
        </Typography.Title>
        <Tag color="blue" data-testid="case-state">
          {state.name(c.state)}
        </Tag>
        <ClockBadge light={c.clock.light} remainingDays={c.clock.remainingDays} paused={c.clock.paused} />
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'item', label: t('office.case.item'), children: `${c.itemCode} ${c.itemName}` },
          { key: 'submitted', label: t('office.case.submittedAt'), children: time(c.submittedAt) },
          { key: 'accepted', label: t('office.case.acceptedOn'), children: c.acceptedOn ?? '—' },
          { key: 'due', label: t('office.case.dueDate'), children: c.clock.dueDate ? `${c.clock.dueDate}（${t('office.case.limit', { days: c.timeLimitDays })}）` : '—' },
        ]}
      />
    </Flex>
  );
}
