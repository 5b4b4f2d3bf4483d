import { defineErrors } from '../../core/errors.ts';

export const DocumentErrors = defineErrors({
  CERTIFICATE_NOT_FOUND: { status: 404, zh: '电子证照不存在', en: 'No such certificate' },
  CERTIFICATE_ALREADY_REVOKED: { status: 409, zh: '该电子证照已撤销', en: 'The certificate is already revoked' },
  CERTIFICATE_TYPE_UNKNOWN: { status: 400, zh: '未知的证照类型', en: 'Unknown certificate type' },
  CERTIFICATE_BOUNDARY_INVALID: { status: 422, zh: '红线范围无效（须为 CGCS2000 经纬度下有效的面，且不自相交）', en: 'The boundary is not valid (expected a valid, non-self-intersecting polygon in CGCS2000 longitude/latitude)' },
});
