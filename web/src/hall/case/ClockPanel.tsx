import { Descriptions, List, Progress, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/LangContext.ts';
import { LightTag, useLocalName } from '../bits.tsx';
import type { CaseClock } from '../types.ts';

const STROKE: Record<string, string> = { green: '#389e0d', yellow: '#d48806', red: '#cf1322', paused: '#8c8c8c', none: '#8c8c8c' };

/** The legal clock: working days used of those allowed, pauses with their reason, holidays not counted. */
export function ClockPanel({ clock, decided }: { clock: CaseClock; decided: boolean }) {
  const { t } = useI18n();
  const name = useLocalName();
  const percent = clock.allowedDays > 0 ? Math.min(100, Math.round((clock.usedDays / clock.allowedDays) * 100)) : 0;
  return (
    <section aria-labelledby="clock-title" data-testid="legal-clock">
      <Typography.Title level={2} id="clock-title" style={{ fontSize: '1.15em' }}>
        {t('hall.clock.title')}
      </Typography.Title>
      <Space wrap size={8} style={{ marginBottom: 8 }}>
        <LightTag light={clock.light} />
        <Typography.Text>{clock.running ? t('hall.clock.running') : decided ? t('hall.clock.finished', { used: clock.usedDays ?? 0 }) : t('hall.clock.stopped')}</Typography.Text>
      </Space>
      <Progress
        percent={percent}
        strokeColor={STROKE[clock.light]}
        format={() => t('hall.clock.used', { used: clock.usedDays ?? 0, allowed: clock.allowedDays })}
        aria-label={t('hall.clock.usedLong', { used: clock.usedDays, allowed: clock.allowedDays })}
      />
      <Descriptions column={1} size="small" style={{ marginTop: 8 }}>
        {typeof clock.remainingDays === 'number' && <Descriptions.Item label={t('hall.clock.remaining')}>{t('hall.guide.workingDays', { n: clock.remainingDays })}</Descriptions.Item>}
        {clock.dueDate && <Descriptions.Item label={t('hall.case.dueDate')}>{clock.dueDate}</Descriptions.Item>}
      </Descriptions>
      {clock.pauses.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: '1em' }}>{t('hall.clock.pauses')}</Typography.Title>
          <List
            size="small"
            bordered
            dataSource={clock.pauses}
            renderItem={(p) => (
              <List.Item data-testid="clock-pause">
                <div>
                  <Typography.Text strong>{name(p.reasonName, p.reasonNameEn)}</Typography.Text>
                  {p.reason && p.reason !== p.reasonName && <Typography.Text>（{p.reason}）</Typography.Text>}
                  <div>
                    {p.from} — {p.to ?? t('hall.clock.ongoing')} · {t('hall.clock.days', { n: p.days })}
                  </div>
                </div>
              </List.Item>
            )}
          />
        </>
      )}
      {clock.holidaysSkipped.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: '1em', marginTop: 12 }}>{t('hall.clock.holidays')}</Typography.Title>
          <Typography.Paragraph data-testid="holidays-skipped">
            {clock.holidaysSkipped.map((h) => `${h.date} ${h.name}`).join('；')}
          </Typography.Paragraph>
        </>
      )}
    </section>
  );
}
