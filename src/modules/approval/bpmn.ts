import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import { AppError } from '../../core/errors.ts';
import { ApprovalErrors as E } from './errors.ts';
import { Graph, PHASES, validateGraph, type Flow, type ProcessGraph, type ProcessNode, type TaskNode } from './graph.ts';

/**
 * BPMN 2.0 exchange of process definitions. Mapping (documented for modellers):
 * start → startEvent, end → endEvent, task → userTask with an `lg:task` extension element
 * (phase, permission, department, timeLimitDays, returnTargets as a space-separated list, nameEn),
 * fork → parallelGateway (inclusiveGateway when a branch has a condition), join → parallelGateway
 * (inclusiveGateway after an inclusive fork; complexGateway when it completes on any branch),
 * condition → sequenceFlow conditionExpression (language "landgov-expr"). The export carries
 * BPMNDI coordinates so standard modellers draw it; the import accepts the same subset.
 */
export const LG_NS = 'https://landgov.cn/schema/bpmn/1.0';

const lgPackage = {
  name: 'landgov',
  uri: LG_NS,
  prefix: 'lg',
  xml: { tagAlias: 'lowerCase' },
  types: [
    {
      name: 'Task',
      superClass: ['Element'],
      properties: [
        { name: 'phase', isAttr: true, type: 'String' },
        { name: 'permission', isAttr: true, type: 'String' },
        { name: 'department', isAttr: true, type: 'String' },
        { name: 'timeLimitDays', isAttr: true, type: 'Integer' },
        { name: 'returnTargets', isAttr: true, type: 'String' },
        { name: 'nameEn', isAttr: true, type: 'String' },
      ],
    },
    { name: 'Join', superClass: ['Element'], properties: [{ name: 'mode', isAttr: true, type: 'String' }] },
  ],
};

function moddle(): BpmnModdle {
  return new BpmnModdle({ lg: lgPackage });
}

const SIZE = { task: [120, 80], start: [36, 36], end: [36, 36], fork: [50, 50], join: [50, 50] } as const;

/** Columns by longest distance from the start (return flows are not edges, so the graph is acyclic). */
function layout(g: ProcessGraph): Map<string, { x: number; y: number; w: number; h: number }> {
  const graph = new Graph(g);
  const level = new Map<string, number>();
  const start = graph.start();
  level.set(start.id, 0);
  const order: string[] = [start.id];
  for (let i = 0; i < order.length; i++) {
    const id = order[i]!;
    for (const f of graph.outs(id)) {
      const l = level.get(id)! + 1;
      if ((level.get(f.to) ?? -1) < l) {
        level.set(f.to, l);
        order.push(f.to);
      }
    }
  }
  const rows = new Map<number, number>();
  const out = new Map<string, { x: number; y: number; w: number; h: number }>();
  for (const n of g.nodes) {
    const l = level.get(n.id) ?? 0;
    const row = rows.get(l) ?? 0;
    rows.set(l, row + 1);
    const [w, h] = SIZE[n.type];
    out.set(n.id, { x: 100 + l * 180 + (120 - w) / 2, y: 100 + row * 130 + (80 - h) / 2, w, h });
  }
  return out;
}

/** Writes a definition as BPMN 2.0 XML with diagram coordinates. */
export async function toBpmn(g: ProcessGraph, opts: { processId: string; name: string }): Promise<string> {
  const m = moddle();
  const graph = new Graph(g);
  const inclusiveForks = new Set(g.nodes.filter((n) => n.type === 'fork' && graph.outs(n.id).some((f) => f.condition)).map((n) => n.id));
  const inclusiveJoins = new Set([...inclusiveForks].map((f) => graph.joinOf(f)));
  const elements = new Map<string, ModdleElement>();
  for (const n of g.nodes) {
    let el: ModdleElement;
    if (n.type === 'start') el = m.create('bpmn:StartEvent', { id: n.id, name: n.name });
    else if (n.type === 'end') el = m.create('bpmn:EndEvent', { id: n.id, name: n.name });
    else if (n.type === 'task') {
      const ext = m.create('lg:Task', { phase: n.phase, permission: n.permission, department: n.department ?? '', timeLimitDays: n.timeLimitDays, returnTargets: n.returnTargets.join(' '), nameEn: n.nameEn });
      el = m.create('bpmn:UserTask', { id: n.id, name: n.name, extensionElements: m.create('bpmn:ExtensionElements', { values: [ext] }) });
    } else if (n.type === 'fork') {
      el = m.create(inclusiveForks.has(n.id) ? 'bpmn:InclusiveGateway' : 'bpmn:ParallelGateway', { id: n.id, name: n.name, gatewayDirection: 'Diverging' });
    } else {
      const type = n.mode === 'any' ? 'bpmn:ComplexGateway' : inclusiveJoins.has(n.id) ? 'bpmn:InclusiveGateway' : 'bpmn:ParallelGateway';
      el = m.create(type, { id: n.id, name: n.name, gatewayDirection: 'Converging', extensionElements: m.create('bpmn:ExtensionElements', { values: [m.create('lg:Join', { mode: n.mode })] }) });
    }
    elements.set(n.id, el);
  }
  const flows = g.flows.map((f) => {
    const attrs: Record<string, unknown> = { id: f.id, sourceRef: elements.get(f.from), targetRef: elements.get(f.to) };
    if (f.name) attrs.name = f.name;
    if (f.condition) attrs.conditionExpression = m.create('bpmn:FormalExpression', { body: f.condition, language: 'landgov-expr' });
    const el = m.create('bpmn:SequenceFlow', attrs);
    elements.get(f.from)!.get('outgoing').push(el);
    elements.get(f.to)!.get('incoming').push(el);
    return el;
  });
  const process = m.create('bpmn:Process', { id: opts.processId, name: opts.name, isExecutable: true, flowElements: [...elements.values(), ...flows] });
  const pos = layout(g);
  const shapes = g.nodes.map((n) => {
    const p = pos.get(n.id)!;
    return m.create('bpmndi:BPMNShape', { id: `${n.id}_di`, bpmnElement: elements.get(n.id), bounds: m.create('dc:Bounds', { x: p.x, y: p.y, width: p.w, height: p.h }) });
  });
  const edges = g.flows.map((f, i) => {
    const a = pos.get(f.from)!;
    const b = pos.get(f.to)!;
    const waypoint = [m.create('dc:Point', { x: a.x + a.w, y: a.y + a.h / 2 })];
    if (Math.abs(a.y + a.h / 2 - (b.y + b.h / 2)) > 1) waypoint.push(m.create('dc:Point', { x: (a.x + a.w + b.x) / 2, y: a.y + a.h / 2 }), m.create('dc:Point', { x: (a.x + a.w + b.x) / 2, y: b.y + b.h / 2 }));
    waypoint.push(m.create('dc:Point', { x: b.x, y: b.y + b.h / 2 }));
    return m.create('bpmndi:BPMNEdge', { id: `${f.id}_di`, bpmnElement: flows[i], waypoint });
  });
  const plane = m.create('bpmndi:BPMNPlane', { id: `${opts.processId}_plane`, bpmnElement: process, planeElement: [...shapes, ...edges] });
  const diagram = m.create('bpmndi:BPMNDiagram', { id: `${opts.processId}_diagram`, plane });
  const defs = m.create('bpmn:Definitions', { id: `${opts.processId}_definitions`, targetNamespace: LG_NS, exporter: 'landgov', exporterVersion: '0.1.0', rootElements: [process], diagrams: [diagram] });
  return (await m.toXML(defs, { format: true })).xml;
}

function invalid(problems: string[]): never {
  throw new AppError(E.BPMN_INVALID, { problems }, problems.join('; '));
}

/** Reads the BPMN subset written by toBpmn back into a definition graph (validated). */
export async function fromBpmn(xml: string): Promise<ProcessGraph> {
  if (xml.length > 2_000_000) invalid(['the file is larger than 2 MB']);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) invalid(['DOCTYPE and entity declarations are not accepted']);
  let root: ModdleElement;
  let warnings: { message: string }[];
  try {
    ({ rootElement: root, warnings } = await moddle().fromXML(xml));
  } catch (err) {
    invalid([`not BPMN 2.0 XML: ${(err as Error).message.split('\n')[0]}`]);
  }
  if (warnings.length > 0) invalid(warnings.slice(0, 10).map((w) => w.message.split('\n')[0]!));
  const process = (root.get('rootElements') as ModdleElement[]).find((e) => e.$type === 'bpmn:Process');
  if (!process) invalid(['no bpmn:process in the file']);
  const problems: string[] = [];
  const nodes: ProcessNode[] = [];
  const flows: Flow[] = [];
  for (const el of (process.get('flowElements') as ModdleElement[]) ?? []) {
    const id = String(el.id);
    const name = String(el.name ?? id).slice(0, 60) || id;
    const ext = ((el.get('extensionElements')?.get('values') ?? []) as ModdleElement[]);
    switch (el.$type) {
      case 'bpmn:StartEvent': nodes.push({ id, type: 'start', name }); break;
      case 'bpmn:EndEvent': nodes.push({ id, type: 'end', name }); break;
      case 'bpmn:UserTask':
      case 'bpmn:Task':
      case 'bpmn:ManualTask': {
        const t = ext.find((e) => e.$type === 'lg:Task');
        const phase = (t?.phase ?? 'handle') as TaskNode['phase'];
        if (!PHASES.includes(phase)) problems.push(`task ${id}: unknown phase ${phase}`);
        const permission = (t?.permission ?? 'case:review') as TaskNode['permission'];
        if (!['case:accept', 'case:review', 'case:check', 'case:decide', 'case:certify'].includes(permission)) problems.push(`task ${id}: unknown permission ${permission}`);
        const days = Number(t?.timeLimitDays ?? 1);
        if (!Number.isInteger(days) || days < 0 || days > 120) problems.push(`task ${id}: timeLimitDays must be a whole number 0–120`);
        nodes.push({
          id, type: 'task', name, nameEn: String(t?.nameEn || name).slice(0, 80), phase, permission,
          department: t?.department ? String(t.department) : null, timeLimitDays: days,
          returnTargets: String(t?.returnTargets ?? '').split(/\s+/).filter(Boolean),
        });
        break;
      }
      case 'bpmn:ParallelGateway':
      case 'bpmn:InclusiveGateway':
      case 'bpmn:ComplexGateway': {
        const outs = (el.get('outgoing') as unknown[]).length;
        const ins = (el.get('incoming') as unknown[]).length;
        if (outs > 1 && ins <= 1) nodes.push({ id, type: 'fork', name });
        else if (ins > 1 && outs <= 1) {
          const mode = ext.find((e) => e.$type === 'lg:Join')?.mode ?? (el.$type === 'bpmn:ComplexGateway' ? 'any' : 'all');
          nodes.push({ id, type: 'join', name, mode: mode === 'any' ? 'any' : 'all' });
        } else problems.push(`gateway ${id} must either split (one in, several out) or join (several in, one out)`);
        break;
      }
      case 'bpmn:SequenceFlow': {
        const f: Flow = { id, from: String(el.sourceRef?.id ?? ''), to: String(el.targetRef?.id ?? '') };
        if (el.name) f.name = String(el.name).slice(0, 60);
        const cond = el.conditionExpression?.body;
        if (cond) f.condition = String(cond).trim();
        flows.push(f);
        break;
      }
      default:
        problems.push(`element ${id} of type ${el.$type} is not supported`);
    }
  }
  if (problems.length > 0) invalid(problems);
  const graph: ProcessGraph = { nodes, flows };
  const structural = validateGraph(graph);
  if (structural.length > 0) throw new AppError(E.DEFINITION_INVALID, { problems: structural }, structural.map((p) => `${p.path}: ${p.problem}`).join('; '));
  return graph;
}
