import { Type, type Static } from '@sinclair/typebox';
import { DEPARTMENTS } from '../../core/bootstrap.ts';
import { ExprError, parseExpr } from './expr.ts';

/**
 * A process definition is a graph (BPMN-like): start → tasks → (fork → parallel tasks → join) → … → end.
 * Tasks say which permission and department act, their time limit in working days, and which
 * earlier steps they may return the case to. Flows may carry a condition on case data; a task's
 * conditional flows are tried in order before its unconditional (default) flow; a fork activates
 * every outgoing branch whose condition holds (or that has none).
 */
export const PHASES = ['accept', 'handle', 'opinion', 'review', 'approve', 'certify', 'deliver'] as const;
export type Phase = (typeof PHASES)[number];

const NodeId = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_-]{0,39}$' });

export const TaskNode = Type.Object({
  id: NodeId,
  type: Type.Literal('task'),
  name: Type.String({ minLength: 1, maxLength: 60 }),
  nameEn: Type.String({ minLength: 1, maxLength: 80 }),
  phase: Type.Union(PHASES.map((p) => Type.Literal(p))),
  permission: Type.Union([
    Type.Literal('case:accept'), Type.Literal('case:review'), Type.Literal('case:check'), Type.Literal('case:decide'), Type.Literal('case:certify'),
  ]),
  /** A department code, '$competent' for the item's 承办股室, or null for anyone with the permission. */
  department: Type.Union([Type.String({ pattern: '^(\\$competent|[a-z][a-z0-9_]{1,40})$' }), Type.Null()]),
  timeLimitDays: Type.Integer({ minimum: 0, maximum: 120 }),
  returnTargets: Type.Array(NodeId, { maxItems: 10 }),
}, { additionalProperties: false });

export const ProcessNode = Type.Union([
  Type.Object({ id: NodeId, type: Type.Literal('start'), name: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false }),
  Type.Object({ id: NodeId, type: Type.Literal('end'), name: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false }),
  TaskNode,
  Type.Object({ id: NodeId, type: Type.Literal('fork'), name: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false }),
  Type.Object({ id: NodeId, type: Type.Literal('join'), name: Type.String({ minLength: 1, maxLength: 60 }), mode: Type.Union([Type.Literal('all'), Type.Literal('any')]) }, { additionalProperties: false }),
]);

export const Flow = Type.Object({
  id: NodeId,
  from: NodeId,
  to: NodeId,
  condition: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  name: Type.Optional(Type.String({ maxLength: 60 })),
}, { additionalProperties: false });

export const ProcessGraph = Type.Object({
  nodes: Type.Array(ProcessNode, { minItems: 2, maxItems: 100 }),
  flows: Type.Array(Flow, { minItems: 1, maxItems: 200 }),
}, { additionalProperties: false });

export type ProcessGraph = Static<typeof ProcessGraph>;
export type ProcessNode = Static<typeof ProcessNode>;
export type TaskNode = Static<typeof TaskNode>;
export type Flow = Static<typeof Flow>;

export interface GraphProblem {
  path: string;
  problem: string;
}

const DEPT_CODES = new Set(DEPARTMENTS.map((d) => d.code));

export class Graph {
  readonly byId: Map<string, ProcessNode>;
  readonly out = new Map<string, Flow[]>();
  readonly inc = new Map<string, Flow[]>();
  constructor(readonly g: ProcessGraph) {
    this.byId = new Map(g.nodes.map((n) => [n.id, n]));
    for (const f of g.flows) {
      this.out.set(f.from, [...(this.out.get(f.from) ?? []), f]);
      this.inc.set(f.to, [...(this.inc.get(f.to) ?? []), f]);
    }
  }
  node(id: string): ProcessNode {
    const n = this.byId.get(id);
    if (!n) throw new Error(`no node ${id}`);
    return n;
  }
  task(id: string): TaskNode {
    const n = this.node(id);
    if (n.type !== 'task') throw new Error(`node ${id} is not a task`);
    return n;
  }
  start(): ProcessNode {
    return this.g.nodes.find((n) => n.type === 'start')!;
  }
  outs(id: string): Flow[] {
    return this.out.get(id) ?? [];
  }
  /** Nodes reachable from id along flows (id itself excluded unless on a cycle). */
  reachable(id: string): Set<string> {
    const seen = new Set<string>();
    const stack = this.outs(id).map((f) => f.to);
    while (stack.length) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      for (const f of this.outs(n)) stack.push(f.to);
    }
    return seen;
  }
  /** The join that closes a fork (validated: every branch runs into the same join). */
  joinOf(forkId: string): string {
    let id = this.outs(forkId)[0]!.to;
    for (let i = 0; i < 200; i++) {
      const n = this.node(id);
      if (n.type === 'join') return id;
      id = this.outs(id).find((f) => !f.condition)?.to ?? this.outs(id)[0]!.to;
    }
    throw new Error(`fork ${forkId} has no join`);
  }
}

/**
 * Checks a definition: one start, at least one reachable end, no dangling flows, every node
 * reachable from the start and able to reach an end, return targets are earlier tasks, forks
 * and joins form simple blocks (each branch a chain of tasks into one join), conditions parse,
 * the first task is the acceptance (受理) step, departments exist. Returns every problem found.
 */
export function validateGraph(g: ProcessGraph): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const add = (path: string, problem: string) => problems.push({ path, problem });
  const ids = new Set<string>();
  g.nodes.forEach((n, i) => {
    if (ids.has(n.id)) add(`nodes[${i}].id`, `duplicate node id ${n.id}`);
    ids.add(n.id);
  });
  const flowIds = new Set<string>();
  g.flows.forEach((f, i) => {
    if (flowIds.has(f.id) || ids.has(f.id)) add(`flows[${i}].id`, `duplicate id ${f.id}`);
    flowIds.add(f.id);
    if (!ids.has(f.from)) add(`flows[${i}].from`, `dangling flow: no node ${f.from}`);
    if (!ids.has(f.to)) add(`flows[${i}].to`, `dangling flow: no node ${f.to}`);
    if (f.condition !== undefined) {
      try {
        parseExpr(f.condition);
      } catch (err) {
        add(`flows[${i}].condition`, `condition does not parse at ${(err as ExprError).position}: ${(err as Error).message}`);
      }
    }
  });
  const starts = g.nodes.filter((n) => n.type === 'start');
  if (starts.length !== 1) add('nodes', `a definition needs exactly one start node, found ${starts.length}`);
  if (!g.nodes.some((n) => n.type === 'end')) add('nodes', 'a definition needs an end node');
  if (starts.length !== 1 || !g.nodes.some((n) => n.type === 'end')) return problems;

  // Dangling flows are reported above; the remaining checks run on the flows that connect nodes.
  const graph = new Graph({ nodes: g.nodes, flows: g.flows.filter((f) => ids.has(f.from) && ids.has(f.to)) });
  const start = starts[0]!;
  const fromStart = graph.reachable(start.id);
  g.nodes.forEach((n, i) => {
    const outs = graph.outs(n.id);
    const ins = graph.inc.get(n.id) ?? [];
    const defaults = outs.filter((f) => !f.condition);
    if (n.type !== 'start' && !fromStart.has(n.id)) add(`nodes[${i}]`, `${n.id} cannot be reached from the start`);
    if (n.type !== 'end' && ![...graph.reachable(n.id)].some((x) => graph.node(x).type === 'end')) add(`nodes[${i}]`, `no end can be reached from ${n.id}`);
    if (n.type === 'start') {
      if (ins.length > 0) add(`nodes[${i}]`, 'the start node has incoming flows');
      if (outs.length !== 1 || defaults.length !== 1) add(`nodes[${i}]`, 'the start node needs exactly one unconditional outgoing flow');
      else {
        const first = graph.node(outs[0]!.to);
        if (first.type !== 'task' || first.phase !== 'accept') add(`nodes[${i}]`, 'the first step after the start must be an acceptance (accept) task');
      }
    }
    if (n.type === 'end' && outs.length > 0) add(`nodes[${i}]`, 'an end node has outgoing flows');
    if (n.type === 'task') {
      if (defaults.length !== 1) add(`nodes[${i}]`, `task ${n.id} needs exactly one unconditional (default) outgoing flow`);
      if (n.department && n.department !== '$competent' && !DEPT_CODES.has(n.department)) add(`nodes[${i}].department`, `unknown department ${n.department}`);
      n.returnTargets.forEach((t, j) => {
        const target = graph.byId.get(t);
        if (!target || target.type !== 'task') add(`nodes[${i}].returnTargets[${j}]`, `return target ${t} is not a task`);
        else if (t === n.id || !graph.reachable(t).has(n.id)) add(`nodes[${i}].returnTargets[${j}]`, `return target ${t} is not an earlier step of ${n.id}`);
        else if (graph.reachable(n.id).has(t)) add(`nodes[${i}].returnTargets[${j}]`, `return target ${t} also follows ${n.id} (a cycle)`);
      });
    }
    if (n.type === 'fork') {
      if (outs.length < 2) add(`nodes[${i}]`, `fork ${n.id} needs at least two branches`);
      if (defaults.length < 1) add(`nodes[${i}]`, `fork ${n.id} needs at least one unconditional branch`);
      const joins = new Set<string>();
      for (const f of outs) {
        let id = f.to;
        let steps = 0;
        for (;;) {
          const m = graph.byId.get(id);
          if (!m) break;
          if (m.type === 'join') { joins.add(id); break; }
          if (m.type !== 'task') { add(`nodes[${i}]`, `branch ${f.id} of fork ${n.id} reaches the ${m.type} node ${m.id}: every branch is a chain of tasks ending in the fork's join`); break; }
          if (graph.outs(id).length !== 1) { add(`nodes[${i}]`, `task ${id} inside fork ${n.id} must have exactly one outgoing flow`); break; }
          if (++steps > 50) break;
          id = graph.outs(id)[0]!.to;
        }
        if (steps === 0) add(`nodes[${i}]`, `branch ${f.id} of fork ${n.id} has no task`);
      }
      if (joins.size !== 1) add(`nodes[${i}]`, `the branches of fork ${n.id} must all end in one join`);
    }
    if (n.type === 'join') {
      if (outs.length !== 1 || defaults.length !== 1) add(`nodes[${i}]`, `join ${n.id} needs exactly one unconditional outgoing flow`);
    }
  });
  return problems;
}

/** The fork whose branch contains this task (walking back along single incoming flows), or null. */
export function forkOf(graph: Graph, taskId: string): string | null {
  let id = taskId;
  for (let i = 0; i < 100; i++) {
    const inc = graph.inc.get(id) ?? [];
    if (inc.length !== 1) return null;
    const prev = graph.node(inc[0]!.from);
    if (prev.type === 'fork') return prev.id;
    if (prev.type !== 'task') return null;
    id = prev.id;
  }
  return null;
}
