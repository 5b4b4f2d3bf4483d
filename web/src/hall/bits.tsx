import { Tag } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import type { DictKey } from '../i18n/translate.ts';
import { TONE } from './tone.ts';
import type { Light } from './types.ts';

const DEPTH_KEY: Record<string, DictKey> = {
  全程网办: 'hall.depth.full',
  网上申报: 'hall.depth.declare',
  网上预审: 'hall.depth.precheck',
  窗口办理: 'hall.depth.window',
};

/** 全程网办 / 网上申报 … as a tag, translated. */
export function DepthTag({ depth }: { depth: string }) {
  const { t } = useI18n();
  const key = DEPTH_KEY[depth];
  return <Tag variant="solid" color={depth === '全程网办' ? TONE.green : TONE.blue}>{key ? t(key) : depth}</Tag>;
}

const LIGHT_COLOR: Record<Light, string> = { green: TONE.green, yellow: TONE.orange, red: TONE.red, paused: TONE.grey, none: TONE.grey };

/** The deadline light of a case: 正常 / 临近期限 / 已超期 / 暂停计时. */
export function LightTag({ light }: { light: Light }) {
  const { t } = useI18n();
  if (light === 'none') return null;
  return (
    <Tag variant="solid" color={LIGHT_COLOR[light]} data-light={light}>
      {t(`hall.light.${light}`)}
    </Tag>
  );
}

/** The state of a case in the applicant's words (the server's name in Chinese). */
export function StateTag({ state, name }: { state: string; name: string }) {
  const { lang, t } = useI18n();
  const translated = lang === 'en' ? (t(`hall.state.${state}` as DictKey) as string | undefined) : undefined;
  const color = state === 'DONE_APPROVED' || state === 'CERTIFIED' || state === 'DELIVERED' ? TONE.green
    : state.startsWith('SUPPLEMENT') || state === 'SUSPENDED' ? TONE.orange
    : state === 'DONE_DENIED' || state === 'REJECTED_ACCEPT' || state === 'WITHDRAWN' ? TONE.grey
    : TONE.blue;
  return (
    <Tag variant="solid" color={color} data-state={state}>
      {translated || name}
    </Tag>
  );
}

/** Chinese or English of a pair the server sends. */
export function useLocalName() {
  const { lang } = useI18n();
  return (zh: string, en: string | null | undefined) => (lang === 'en' && en ? en : zh);
}
