import { Tag } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import type { Access } from './types.ts';

const COLOR: Record<Access, string> = { public: 'green', staff: 'blue', restricted: 'orange' };

/** Who may read a layer: 公开 / 内部 / 受限. */
export function AccessTag({ access }: { access: Access }) {
  const { t } = useI18n();
  return <Tag color={COLOR[access]}>{t(`data.access.${access}`)}</Tag>;
}
