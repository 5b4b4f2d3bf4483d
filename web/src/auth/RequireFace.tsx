import type { ReactNode } from 'react';
import { Result } from 'antd';
import { LinkButton } from '../components/LinkButton.tsx';
import type { FaceKey } from '../api/types.ts';
import { useI18n } from '../i18n/LangContext.ts';
import { homePath } from './faces.tsx';
import { useMe } from './MeContext.ts';

/**
 * Shows its children only when the server listed `face` in `me.faces`.
 * This mirrors server truth for a friendlier page; the server still checks every request.
 */
export function RequireFace({ face, children }: { face: FaceKey; children: ReactNode }) {
  const { state } = useMe();
  const { t } = useI18n();
  if (state.status === 'ready' && state.me.faces.includes(face)) return children;
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('face.forbidden')}
      extra={
        <LinkButton to={state.status === 'ready' ? homePath(state.me.faces) : '/'} type="primary">
          {t('face.home')}
        </LinkButton>
      }
    />
  );
}
