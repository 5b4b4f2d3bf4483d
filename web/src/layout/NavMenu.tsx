import { Menu } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { grantedFaces } from '../auth/faces.tsx';
import { useMe } from '../auth/MeContext.ts';
import { useI18n } from '../i18n/LangContext.ts';
import { reviewNavFor } from '../review/nav.tsx';
import { supervisionNavFor } from '../supervision/nav.tsx';

export interface NavMenuProps {
  /** Faces from `me.faces`; only these are shown. */
  faces: readonly string[];
  /** Called after a navigation, e.g. to close the phone drawer. */
  onNavigate?: () => void;
}

/** The staff navigation: one entry per face the server granted. */
export function NavMenu({ faces, onNavigate }: NavMenuProps) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const { state } = useMe();
  // The review and supervision pages have no face of their own; they follow the user's permissions.
  const permissions = state.status === 'ready' ? state.me.permissions : [];
  const items = [...grantedFaces(faces), ...reviewNavFor(permissions), ...supervisionNavFor(permissions)];
  const selected = items.find((face) => pathname === face.path || pathname.startsWith(`${face.path}/`));

  return (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected.key] : []}
      items={items.map((face) => ({
        key: face.key,
        icon: face.icon,
        label: <Link to={face.path}>{t(face.title)}</Link>,
      }))}
      // The links navigate; the menu only needs to close the phone drawer.
      onClick={() => onNavigate?.()}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
