import assert from 'node:assert/strict';
import type { TestApp } from '../helpers/app.ts';

/** Staff of one test region: window clerk, planning handler and head, other sections' handlers, leader. */
export interface Staff {
  clerk: string;
  handler: string;
  head: string;
  leader: string;
  mineralHandler: string;
  landUseHandler: string;
  landUseHead: string;
  farmlandHandler: string;
  resourceHandler: string;
  ids: Record<string, string>;
  names: Record<string, string>;
}

export async function staff(t: TestApp): Promise<Staff> {
  const mk = async (role: string, department: string) => {
    const u = await t.user([role], { department });
    return { cookie: await t.login(u.username), id: u.id, username: u.username };
  };
  const clerk = await mk('window_clerk', 'approval_window');
  const handler = await mk('case_handler', 'planning');
  const head = await mk('section_head', 'planning');
  const leader = await mk('leader', 'leadership');
  const mineral = await mk('case_handler', 'mineral');
  const landUse = await mk('case_handler', 'land_use_control');
  const landUseHead = await mk('section_head', 'land_use_control');
  const farmland = await mk('case_handler', 'farmland_protection');
  const resource = await mk('case_handler', 'resource_use');
  return {
    clerk: clerk.cookie, handler: handler.cookie, head: head.cookie, leader: leader.cookie, mineralHandler: mineral.cookie,
    landUseHandler: landUse.cookie, landUseHead: landUseHead.cookie, farmlandHandler: farmland.cookie, resourceHandler: resource.cookie,
    ids: { clerk: clerk.id, handler: handler.id, head: head.id, leader: leader.id, landUseHead: landUseHead.id },
    names: { clerk: clerk.username, handler: handler.username, head: head.username, leader: leader.username, landUseHandler: landUse.username },
  };
}

/** Signs the named staff in again (after the test clock moved past the session lifetime). */
export async function relogin(t: TestApp, s: Staff, who: (keyof Staff & string)[]): Promise<void> {
  for (const w of who) (s as unknown as Record<string, string>)[w] = await t.login(s.names[w]!);
}

export const APPLICANT = { type: 'organisation', name: '衡南县城市建设投资有限公司', idType: 'credit_code', idNumber: '91430422MA4L0ABC11', phone: '13907340000', contactName: '王经理' };

export function projectFor(itemCode: string, landArea = 25_000): Record<string, unknown> {
  if (itemCode === 'JSYDGH') return { projectName: '云集大道东段道路工程', location: '云集街道', landArea, supplyMethod: 'allocation', landUse: '城镇村道路用地' };
  if (itemCode === 'YDYS') return { projectName: '衡南县第二污水处理厂', location: '云集街道', landArea, projectType: 'block', supplyMethod: 'allocation', landUse: '排水用地' };
  if (itemCode === 'BDCDJ') return { registrationType: 'first', location: '云集街道中心村' };
  throw new Error(itemCode);
}

export async function submit(t: TestApp, cookie: string, itemCode: string, opts: { landArea?: number; key?: string } = {}) {
  const res = await t.app.inject({
    method: 'POST', url: '/api/cases', headers: { cookie, ...(opts.key ? { 'idempotency-key': opts.key } : {}) },
    payload: { itemCode, applicant: APPLICANT, project: projectFor(itemCode, opts.landArea) },
  });
  return res;
}

export async function act(t: TestApp, cookie: string, caseId: string, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/actions`, headers: { cookie }, payload: body });
}

export async function get(t: TestApp, cookie: string, caseId: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

/** The open task of a step. */
export function openTask(c: { tasks: { id: string; stepId: string; status: string }[] }, stepId: string): string {
  const t = c.tasks.find((x) => x.stepId === stepId && x.status === 'open');
  assert.ok(t, `no open task ${stepId}; open: ${c.tasks.filter((x) => x.status === 'open').map((x) => x.stepId).join(',')}`);
  return t.id;
}

/** Runs an action that must succeed and returns the new case view. */
export async function ok(t: TestApp, cookie: string, caseId: string, body: Record<string, unknown>) {
  const res = await act(t, cookie, caseId, body);
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

/** Takes a submitted JSYDGH case through 受理, 承办 and 审核 to the open 审批 step; returns the case view. */
export async function toDecision(t: TestApp, s: Staff, submitted: { id: string; tasks: { id: string; stepId: string; status: string }[] }) {
  let c = await ok(t, s.clerk, submitted.id, { action: 'accept', taskId: openTask(submitted, 'accept') });
  c = await ok(t, s.handler, c.id, { action: 'pass', taskId: openTask(c, 'handle') });
  return ok(t, s.head, c.id, { action: 'pass', taskId: openTask(c, 'review') });
}

/** Moves the test clock to a China-local date (10:00 China time). */
export function setChinaDate(t: TestApp, date: string): void {
  const target = new Date(`${date}T02:00:00Z`).getTime();
  t.clock.advanceMinutes((target - t.clock.now().getTime()) / 60_000);
}
