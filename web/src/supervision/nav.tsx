import { DashboardOutlined } from '@ant-design/icons';
import type { ReviewNavEntry } from '../review/nav.tsx';

/** The supervision dashboard in the staff navigation (no face of its own; supervise:read decides). */
export function supervisionNavFor(permissions: readonly string[]): ReviewNavEntry[] {
  return permissions.includes('supervise:read')
    ? [{ key: 'supervision', path: '/supervision', title: 'supervision.nav', icon: <DashboardOutlined />, anyOf: ['supervise:read'] }]
    : [];
}
