import { Result } from 'antd';
import { useMe } from '../auth/MeContext.ts';
import { useI18n } from '../i18n/LangContext.ts';

/** Landing page for a signed-in user whom the server granted no face yet. */
export function WelcomePage() {
  const { t } = useI18n();
  const { state } = useMe();
  const name = state.status === 'ready' ? state.me.displayName : '';
  return <Result status="info" title={<h1 style={{ fontSize: 24, margin: 0 }}>{name}</h1>} subTitle={t('layout.noFaces')} />;
}
