import { Result } from 'antd';
import { LinkButton } from '../components/LinkButton.tsx';
import { useI18n } from '../i18n/LangContext.ts';

/** Any path the app does not know. */
export function NotFound() {
  const { t } = useI18n();
  return (
    <main>
      <Result
        status="404"
        title="404"
        subTitle={t('face.notFound')}
        extra={
          <LinkButton to="/" type="primary">
            {t('face.home')}
          </LinkButton>
        }
      />
    </main>
  );
}
