import { defineErrors } from '../../core/errors.ts';

export const DocumentErrors = defineErrors({
  CERTIFICATE_NOT_FOUND: { status: 404, zh: '电子证照不存在', en: 'No such certificate' },
  CERTIFICATE_ALREADY_REVOKED: { status: 409, zh: '该电子证照已撤销', en: 'The certificate is already revoked' },
  CERTIFICATE_TAMPERED: { status: 409, zh: '证照内容与电子签名不一致，不提供下载', en: 'The certificate does not match its signature; it is not offered for download' },
  CERTIFICATE_PDF_UNREADABLE: { status: 422, zh: '该文件不是本系统出具的电子证照 PDF（未找到证照编号和签名）', en: 'The file is not a certificate PDF from this system (no certificate number and signature found)' },
  CERTIFICATE_FILE_MISSING: { status: 400, zh: '请上传证照 PDF 文件（表单字段 file）', en: 'Upload the certificate PDF (form field "file")' },
  NOTICE_NOT_AVAILABLE: { status: 409, zh: '办件尚未到达可出具该文书的环节', en: 'The case has not reached the step that issues this notice' },
  CERTIFICATE_HOLDER_ID_INVALID: { status: 400, zh: '证件号码不正确（居民身份证 18 位、统一社会信用代码 18 位，且校验码须正确）', en: 'The ID number is wrong (resident ID card or unified social credit code: 18 characters with a correct check character)' },
  CERTIFICATE_TYPE_UNKNOWN: { status: 400, zh: '未知的证照类型', en: 'Unknown certificate type' },
  CERTIFICATE_BOUNDARY_INVALID: { status: 422, zh: '红线范围无效（须为 CGCS2000 经纬度下有效的面，且不自相交）', en: 'The boundary is not valid (expected a valid, non-self-intersecting polygon in CGCS2000 longitude/latitude)' },
});
