import type { ReactNode } from 'react';
import {
  AuditOutlined,
  CloudServerOutlined,
  DatabaseOutlined,
  EnvironmentOutlined,
  FileDoneOutlined,
  MobileOutlined,
  SafetyCertificateOutlined,
  ShareAltOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { FaceKey } from '../api/types.ts';
import type { DictKey } from '../i18n/translate.ts';

export interface FaceInfo {
  key: FaceKey;
  path: string;
  title: DictKey;
  icon: ReactNode;
}

/** Where each face the server may grant lives in the browser. */
export const FACES: Record<FaceKey, FaceInfo> = {
  office: { key: 'office', path: '/office', title: 'face.office', icon: <FileDoneOutlined /> },
  map: { key: 'map', path: '/map', title: 'face.map', icon: <EnvironmentOutlined /> },
  data: { key: 'data', path: '/data', title: 'face.data', icon: <DatabaseOutlined /> },
  share: { key: 'share', path: '/share', title: 'face.share', icon: <ShareAltOutlined /> },
  ops: { key: 'ops', path: '/ops', title: 'face.ops', icon: <CloudServerOutlined /> },
  m: { key: 'm', path: '/m', title: 'face.m', icon: <MobileOutlined /> },
  'admin-users': { key: 'admin-users', path: '/admin/users', title: 'face.admin-users', icon: <TeamOutlined /> },
  'admin-roles': {
    key: 'admin-roles',
    path: '/admin/roles',
    title: 'face.admin-roles',
    icon: <SafetyCertificateOutlined />,
  },
  audit: { key: 'audit', path: '/audit', title: 'face.audit', icon: <AuditOutlined /> },
};

function isFaceKey(value: string): value is FaceKey {
  return Object.hasOwn(FACES, value);
}

/** The faces the server granted, in the server's order; unknown names are skipped. */
export function grantedFaces(faces: readonly string[]): FaceInfo[] {
  return faces.filter(isFaceKey).map((key) => FACES[key]);
}

/** Where to land after sign-in when no earlier page is remembered; /welcome when no face is granted. */
export function homePath(faces: readonly string[]): string {
  return grantedFaces(faces)[0]?.path ?? '/welcome';
}
