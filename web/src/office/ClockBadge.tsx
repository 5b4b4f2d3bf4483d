import { Tag } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/LangContext.ts';
import { LIGHT_COLOR } from './format.ts';
import type { Light } from './types.ts';

export interface ClockBadgeProps {
  light: Light | undefined;
  remainingDays: number | null | undefined;
  paused?: boolean;
}

/** The time-limit light: green, yellow 预警 or red 超期, with the working days left. */
export function ClockBadge({ light = 'none', remainingDays, paused }: ClockBadgeProps) {
  const { t } = useI18n();
  if (paused || light === 'paused') return <Tag icon={<ClockCircleOutlined />}>{t('office.clock.paused')}</Tag>;
  if (light === 'none') return null;
  // A closed case has a light but no days left: finished on time or late.
  if (remainingDays === null || remainingDays === undefined) {
    return (
      <Tag color={LIGHT_COLOR[light]} icon={<ClockCircleOutlined />} data-testid="clock-badge">
        {light === 'red' ? t('office.clock.doneLate') : t('office.clock.doneOnTime')}
      </Tag>
    );
  }
  const days = remainingDays ?? 0;
  const text =
    light === 'red'
      ? t('office.clock.overdue', { days: Math.abs(days) })
      : light === 'yellow'
        ? t('office.clock.warning', { days })
        : t('office.clock.left', { days });
  return (
    <Tag color={LIGHT_COLOR[light]} icon={<ClockCircleOutlined />} data-testid="clock-badge">
      {text}
    </Tag>
  );
}
