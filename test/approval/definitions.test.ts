import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { evaluate, ExprError, parseExpr, test as holds } from '../../src/modules/approval/expr.ts';
import { validateGraph, type ProcessGraph } from '../../src/modules/approval/graph.ts';
import { SEED_ITEMS } from '../../src/modules/approval/catalogue.ts';
import { seedDefinition } from '../../src/modules/approval/seed-definitions.ts';

const task = (id: string, phase = 'handle', returnTargets: string[] = []) => ({ id, type: 'task' as const, name: id, nameEn: id, phase: phase as 'handle', permission: 'case:review' as const, department: 'planning', timeLimitDays: 2, returnTargets });

function base(): ProcessGraph {
  return {
    nodes: [{ id: 'start', type: 'start', name: 's' }, task('accept', 'accept'), task('handle'), task('approve', 'approve', ['handle']), { id: 'end', type: 'end', name: 'e' }],
    flows: [{ id: 'f1', from: 'start', to: 'accept' }, { id: 'f2', from: 'accept', to: 'handle' }, { id: 'f3', from: 'handle', to: 'approve' }, { id: 'f4', from: 'approve', to: 'end' }],
  };
}

const problems = (g: ProcessGraph) => validateGraph(g).map((p) => p.problem).join(' | ');

describe('condition expressions', () => {
  it('evaluates comparisons, logic, lists and paths over case data', () => {
    const data = { project: { landArea: 150000, projectType: 'linear', supplyMethod: 'allocation' } };
    assert.equal(holds('project.landArea > 100000', data), true);
    assert.equal(holds('project.landArea > 100000 && project.projectType == \'block\'', data), false);
    assert.equal(holds('project.projectType in [\'linear\', \'block\'] || !(project.landArea >= 1)', data), true);
    assert.equal(holds('project.missing > 1', data), false);
    assert.equal(holds('project.landArea > \'1\'', data), false, 'a number never compares with a string');
  });

  it('never reaches prototypes or runs code', () => {
    assert.equal(evaluate(parseExpr('project.constructor'), { project: {} }), null);
    assert.equal(evaluate(parseExpr('__proto__'), {}), null);
    assert.throws(() => parseExpr('process.exit()'), ExprError);
    assert.throws(() => parseExpr('a = 1'), ExprError);
    assert.throws(() => parseExpr('project.landArea >'), /unexpected end/);
    assert.throws(() => parseExpr("'open"), /unterminated/);
  });
});

describe('process definition validation', () => {
  it('accepts every seeded definition', () => {
    for (const it of SEED_ITEMS) assert.deepEqual(validateGraph(seedDefinition(it.code, it.guide)), [], it.code);
  });

  it('needs exactly one start and an end', () => {
    const g = base();
    g.nodes.push({ id: 'start2', type: 'start', name: 's2' });
    assert.match(problems(g), /exactly one start node, found 2/);
    const h = base();
    h.nodes = h.nodes.filter((n) => n.type !== 'end');
    h.flows = h.flows.filter((f) => f.to !== 'end');
    assert.match(problems(h), /needs an end node/);
  });

  it('refuses dangling flows and unreachable nodes', () => {
    const g = base();
    g.flows.push({ id: 'f9', from: 'handle', to: 'nowhere' });
    assert.match(problems(g), /dangling flow: no node nowhere/);
    const h = base();
    h.nodes.push(task('orphan'));
    h.flows.push({ id: 'f9', from: 'orphan', to: 'end' });
    assert.match(problems(h), /orphan cannot be reached from the start/);
  });

  it('refuses a return target that is not an earlier step', () => {
    const g = base();
    (g.nodes[2] as ReturnType<typeof task>).returnTargets = ['approve'];
    assert.match(problems(g), /return target approve is not an earlier step of handle/);
  });

  it('needs the acceptance step first, one default flow per task, and parsable conditions', () => {
    const g = base();
    g.flows[0] = { id: 'f1', from: 'start', to: 'handle' };
    assert.match(problems(g), /first step after the start must be an acceptance/);
    const h = base();
    h.flows.push({ id: 'f5', from: 'handle', to: 'end' });
    assert.match(problems(h), /exactly one unconditional \(default\) outgoing flow/);
    const k = base();
    k.flows.push({ id: 'f5', from: 'handle', to: 'end', condition: 'project.landArea >> 3' });
    assert.match(problems(k), /condition does not parse/);
  });

  it('needs every fork branch to run into one join', () => {
    const g = base();
    g.nodes.push({ id: 'fork', type: 'fork', name: 'f' }, task('a'), task('b'), { id: 'join', type: 'join', name: 'j', mode: 'all' });
    g.flows = [
      { id: 'f1', from: 'start', to: 'accept' }, { id: 'f2', from: 'accept', to: 'fork' },
      { id: 'fa', from: 'fork', to: 'a' }, { id: 'fb', from: 'fork', to: 'b' },
      { id: 'fa2', from: 'a', to: 'join' }, { id: 'fb2', from: 'b', to: 'handle' },
      { id: 'fj', from: 'join', to: 'handle' }, { id: 'f3', from: 'handle', to: 'approve' }, { id: 'f4', from: 'approve', to: 'end' },
    ];
    assert.match(problems(g), /branch fb of fork fork reaches the end node end/);
  });
});

for (const kind of testDbs) {
  describe(`process definition API on ${kind.name}`, () => {
    let t: TestApp;
    let admin: string;
    before(async () => {
      t = await testApp(await kind.get());
      admin = await t.login((await t.user(['item_admin'], { department: 'approval_window' })).username);
    });
    after(() => t.close());

    it('an invalid definition gets 422 DEFINITION_INVALID listing every problem, and no new version', async () => {
      const g = base();
      g.flows.push({ id: 'f9', from: 'handle', to: 'nowhere' });
      (g.nodes[2] as ReturnType<typeof task>).returnTargets = ['approve'];
      const res = await t.app.inject({ method: 'PUT', url: '/api/service-items/CLBZCQ/process', headers: { cookie: admin }, payload: { name: '错误流程', reason: '测试', graph: g } });
      assert.equal(res.statusCode, 422);
      assert.equal(res.json().code, 'DEFINITION_INVALID');
      assert.ok(res.json().problems.length >= 2);
      const versions = await t.app.inject({ method: 'GET', url: '/api/service-items/CLBZCQ/process/versions', headers: { cookie: admin } });
      assert.equal(versions.json().versions.length, 1);
      const check = await t.app.inject({ method: 'POST', url: '/api/service-items/CLBZCQ/process/validate', headers: { cookie: admin }, payload: { graph: base() } });
      assert.equal(check.statusCode, 200);
    });

    it('saving a definition needs item:manage', async () => {
      const clerk = await t.login((await t.user(['window_clerk'], { department: 'approval_window' })).username);
      const res = await t.app.inject({ method: 'PUT', url: '/api/service-items/CLBZCQ/process', headers: { cookie: clerk }, payload: { name: '流程', reason: '测试', graph: base() } });
      assert.equal(res.statusCode, 403);
    });
  });
}
