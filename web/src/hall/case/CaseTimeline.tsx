import { Timeline, Typography } from 'antd';
import { useI18n } from '../../i18n/LangContext.ts';
import { useLocalName } from '../bits.tsx';
import type { TimelineEntry } from '../types.ts';

/** The case's steps as the applicant sees them: what, which department, when (never a person). */
export function CaseTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t, time } = useI18n();
  const name = useLocalName();
  return (
    <section aria-labelledby="timeline-title">
      <Typography.Title level={2} id="timeline-title" style={{ fontSize: '1.15em' }}>
        {t('hall.case.timeline')}
      </Typography.Title>
      <Timeline
        data-testid="case-timeline"
        items={entries.map((e) => ({
          children: (
            <div>
              <Typography.Text strong>{name(e.label, e.labelEn)}</Typography.Text>
              <br />
              <Typography.Text type="secondary">
                {[e.department ? name(e.department, e.departmentEn) : null, time(e.at)].filter(Boolean).join(' · ')}
              </Typography.Text>
              {e.reason && <Typography.Paragraph style={{ margin: 0 }}>{t('hall.case.reason', { reason: e.reason })}</Typography.Paragraph>}
            </div>
          ),
        }))}
      />
    </section>
  );
}
