import { defineErrors } from '../../core/errors.ts';

/** The approval module's error catalogue (事项、流程、办件). */
export const ApprovalErrors = defineErrors({
  ITEM_NOT_FOUND: { status: 404, zh: '事项不存在', en: 'No such service item' },
  ITEM_VERSION_CONFLICT: { status: 409, zh: '事项已被他人修改，请刷新后重试', en: 'The item was changed by someone else; refresh and retry' },
  ITEM_GUIDE_INVALID: { status: 422, zh: '办事指南内容不符合要求', en: 'The service guide is not valid' },
  DEFINITION_NOT_FOUND: { status: 404, zh: '流程定义不存在', en: 'No such process definition' },
  DEFINITION_INVALID: { status: 422, zh: '流程定义不合法', en: 'The process definition is not valid' },
  CONDITION_INVALID: { status: 422, zh: '条件表达式不合法', en: 'The condition expression is not valid' },
  BPMN_INVALID: { status: 422, zh: 'BPMN 文件无法导入', en: 'The BPMN file cannot be imported' },
  CASE_NOT_FOUND: { status: 404, zh: '办件不存在', en: 'No such case' },
  CASE_TASK_NOT_FOUND: { status: 404, zh: '办理环节不存在', en: 'No such task' },
  CASE_TASK_ALREADY_DONE: { status: 409, zh: '该环节已被他人办理', en: 'This task has already been completed by someone else' },
  CASE_ACTION_NOT_ALLOWED: { status: 409, zh: '办件当前状态不允许此操作', en: 'This action is not allowed in the case’s current state' },
  CASE_NOT_YOUR_TASK: { status: 403, zh: '您无权办理该环节', en: 'You may not act on this task' },
  CASE_VERSION_CONFLICT: { status: 409, zh: '办件已被他人修改，请刷新后重试', en: 'The case was changed by someone else; refresh and retry' },
  CASE_RETURN_TARGET_INVALID: { status: 422, zh: '退回环节必须是之前的环节', en: 'A case can only be returned to an earlier step' },
  CASE_SPECIAL_PROCEDURE_UNKNOWN: { status: 422, zh: '该事项没有此特别程序', en: 'This item has no such special procedure' },
  CASE_SPECIAL_PROCEDURE_TOO_LONG: { status: 422, zh: '特别程序时限超过规定上限', en: 'The special procedure exceeds its maximum length' },
  CASE_ALREADY_EXTENDED: { status: 409, zh: '办件已延期，不能再次延期', en: 'The case has already been extended' },
  CASE_SUPPLEMENT_EMPTY: { status: 422, zh: '补正告知须列明全部需补正的材料', en: 'A 补正 notice must list every missing or wrong material' },
  CASE_MATERIAL_UNKNOWN: { status: 422, zh: '该事项没有此申请材料', en: 'This item has no such material' },
  CASE_FILE_NOT_FOUND: { status: 422, zh: '材料文件不存在', en: 'The material file does not exist' },
  CASE_FORM_INVALID: { status: 422, zh: '申请表单内容不符合要求', en: 'The application form is not valid' },
  APPLICANT_ID_INVALID: { status: 400, zh: '申请人证件号码不正确（居民身份证或统一社会信用代码的校验码不符）', en: 'The applicant’s ID number is wrong (the check character of the resident ID or credit code does not match)' },
});
