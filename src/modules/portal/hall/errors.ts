import { defineErrors } from '../../../core/errors.ts';

/** Errors of the online hall's guides, uploads, drafts, submissions and case tracking. */
export const HallErrors = defineErrors({
  GUIDE_NOT_FOUND: { status: 404, zh: '办事指南不存在或事项暂停办理', en: 'No such service guide, or the item is not offered at present' },
  UPLOAD_MISSING: { status: 400, zh: '请选择要上传的文件', en: 'The request carries no file' },
  UPLOAD_TYPE_NOT_ALLOWED: { status: 415, zh: '申请材料只接受 PDF、JPEG、PNG 文件', en: 'Materials must be PDF, JPEG or PNG files' },
  UPLOAD_TOO_LARGE: { status: 413, zh: '文件超过 20 MB，请压缩后再上传', en: 'The file is larger than 20 MB; compress it and upload again' },
  UPLOAD_FORBIDDEN: { status: 403, zh: '无权查看该文件', en: 'You may not read this file' },
  DRAFT_FORBIDDEN: { status: 403, zh: '申请草稿不存在或不属于当前账号', en: 'No such draft for this account' },
  DRAFT_VERSION_CONFLICT: { status: 409, zh: '草稿已在其他页面修改，请刷新后重试', en: 'The draft was changed elsewhere; reload it and retry' },
  DRAFT_ALREADY_SUBMITTED: { status: 409, zh: '该申请已提交，不能再修改或重复提交', en: 'This application has already been submitted' },
  DRAFT_MATERIAL_INVALID: { status: 422, zh: '材料不在本事项的材料清单中，或文件不是本账号上传的', en: 'A material is not on this item’s checklist, or its file was not uploaded by this account' },
  BOUNDARY_NOT_USED: { status: 409, zh: '该事项不需要上传项目红线', en: 'This item takes no project boundary' },
  PRECHECK_NOT_AVAILABLE: { status: 404, zh: '尚未进行红线预审', en: 'The boundary has not been pre-checked yet' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, zh: '提交申请须携带 Idempotency-Key 请求头（8–100 位字母、数字或 _.:-）', en: 'Submitting needs an Idempotency-Key header (8–100 of A–Z a–z 0–9 _ . : -)' },
  APPLICATION_INVALID: { status: 422, zh: '申请表填写有误，请按提示修改', en: 'The application form has errors; correct the marked fields' },
  MATERIALS_MISSING: { status: 422, zh: '必需的申请材料尚未上传', en: 'Required materials have not been uploaded' },
  BOUNDARY_REQUIRED: { status: 422, zh: '该事项须上传项目红线并完成预审', en: 'This item needs the project boundary, pre-checked' },
  CASE_FORBIDDEN: { status: 403, zh: '无权查看该办件', en: 'You may not see this case' },
  MATERIAL_NOT_REQUESTED: { status: 422, zh: '只能补正补正告知书列明的材料', en: 'Only the materials listed in the 补正 notice may be replaced' },
  CERTIFICATE_NOT_ISSUED: { status: 409, zh: '该办件尚未制发证照', en: 'No certificate has been issued for this case' },
  PROGRESS_NOT_FOUND: { status: 404, zh: '办件编号或查询码不正确', en: 'The case number or query code is not correct' },
  PROGRESS_RATE_LIMITED: { status: 429, zh: '查询失败次数过多，请一分钟后再试', en: 'Too many failed lookups; try again in a minute' },
});
