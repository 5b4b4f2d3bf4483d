import type { Flow, ProcessGraph, ProcessNode } from './graph.ts';
import type { ItemGuide } from './schemas.ts';

/** Land area (m²) above which 用地预审 adds a 节约集约用地 joint opinion: 10 ha. */
export const LARGE_PROJECT_M2 = 100_000;

type Task = Extract<ProcessNode, { type: 'task' }>;

function task(id: string, name: string, nameEn: string, phase: Task['phase'], permission: Task['permission'], department: string | null, timeLimitDays: number, returnTargets: string[] = []): Task {
  return { id, type: 'task', name, nameEn, phase, permission, department, timeLimitDays, returnTargets };
}

function chain(ids: string[]): Flow[] {
  return ids.slice(1).map((to, i) => ({ id: `f_${ids[i]}_${to}`, from: ids[i]!, to }));
}

/** Splits the promised days over 承办/审核/审批 (at least one working day each). */
function split(promised: number): { handle: number; review: number; approve: number } {
  const handle = Math.max(1, Math.floor(promised * 0.4));
  const review = Math.max(1, Math.floor(promised * 0.2));
  const approve = Math.max(1, Math.floor(promised * 0.2));
  return { handle, review, approve };
}

/** 窗口受理 → 承办 → 审核 → 审批 → 制证 → 送达 (DOMAIN.md §9), the competent section acting. */
export function standardDefinition(guide: ItemGuide): ProcessGraph {
  const d = split(guide.promisedDays);
  const nodes: ProcessNode[] = [
    { id: 'start', type: 'start', name: '申请' },
    task('accept', '窗口受理', 'Acceptance', 'accept', 'case:accept', 'approval_window', 1),
    task('handle', '承办（初审）', 'Handling (first review)', 'handle', 'case:review', '$competent', d.handle),
    task('review', '审核', 'Check (section head)', 'review', 'case:check', '$competent', d.review, ['handle']),
    task('approve', '审批', 'Decision', 'approve', 'case:decide', 'leadership', d.approve, ['handle', 'review']),
    task('certify', '制证', 'Certificate', 'certify', 'case:certify', 'approval_window', 1),
    task('deliver', '送达', 'Delivery', 'deliver', 'case:certify', 'approval_window', 1),
    { id: 'end', type: 'end', name: '办结' },
  ];
  return { nodes, flows: chain(['start', 'accept', 'handle', 'review', 'approve', 'certify', 'deliver', 'end']) };
}

/**
 * 用地预审与选址: after 承办, a parallel joint opinion (并联审查) of 用途管制股 + 耕地保护监督股 +
 * 国土空间规划股 + 矿产资源管理股 (压覆矿); projects over 10 ha add 自然资源开发利用股 (节约集约).
 */
export function ydysDefinition(guide: ItemGuide): ProcessGraph {
  const d = split(guide.promisedDays);
  const opinions: [string, string, string, string][] = [
    ['op_land_use', '用途管制意见', 'Land-use control opinion', 'land_use_control'],
    ['op_farmland', '耕地保护意见', 'Cultivated-land protection opinion', 'farmland_protection'],
    ['op_planning', '国土空间规划意见', 'Spatial planning opinion', 'planning'],
    ['op_mineral', '压覆矿产资源意见', 'Mineral overlay opinion', 'mineral'],
  ];
  const nodes: ProcessNode[] = [
    { id: 'start', type: 'start', name: '申请' },
    task('accept', '窗口受理', 'Acceptance', 'accept', 'case:accept', 'approval_window', 1),
    task('handle', '承办（初审）', 'Handling (first review)', 'handle', 'case:review', 'land_use_control', Math.max(1, d.handle - 2)),
    { id: 'joint', type: 'fork', name: '联合审查' },
    ...opinions.map(([id, name, nameEn, dept]) => task(id, name, nameEn, 'opinion', 'case:review', dept, 2)),
    task('op_intensive', '节约集约用地意见', 'Intensive land-use opinion', 'opinion', 'case:review', 'resource_use', 2),
    { id: 'joint_done', type: 'join', name: '联合审查完成', mode: 'all' },
    task('review', '审核', 'Check (section head)', 'review', 'case:check', 'land_use_control', d.review, ['handle']),
    task('approve', '审批', 'Decision', 'approve', 'case:decide', 'leadership', d.approve, ['handle', 'review']),
    task('certify', '制证', 'Certificate', 'certify', 'case:certify', 'approval_window', 1),
    task('deliver', '送达', 'Delivery', 'deliver', 'case:certify', 'approval_window', 1),
    { id: 'end', type: 'end', name: '办结' },
  ];
  const flows: Flow[] = [
    ...chain(['start', 'accept', 'handle', 'joint']),
    ...opinions.flatMap(([id]) => [{ id: `f_joint_${id}`, from: 'joint', to: id }, { id: `f_${id}_join`, from: id, to: 'joint_done' }]),
    { id: 'f_joint_op_intensive', from: 'joint', to: 'op_intensive', condition: `project.landArea > ${LARGE_PROJECT_M2}`, name: '用地面积超过10公顷' },
    { id: 'f_op_intensive_join', from: 'op_intensive', to: 'joint_done' },
    ...chain(['joint_done', 'review', 'approve', 'certify', 'deliver', 'end']),
  ];
  return { nodes, flows };
}

export function seedDefinition(code: string, guide: ItemGuide): ProcessGraph {
  return code === 'YDYS' ? ydysDefinition(guide) : standardDefinition(guide);
}
