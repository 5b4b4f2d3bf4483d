/** Shapes of the approval, review and files API responses the office pages read. The server's schemas are the truth. */

export type Light = 'none' | 'green' | 'yellow' | 'red' | 'paused';

export type CaseAction =
  | 'accept' | 'not_accept' | 'request_supplement' | 'resubmit' | 'pass' | 'return' | 'reject'
  | 'start_special' | 'end_special' | 'extend' | 'certify' | 'deliver' | 'withdraw';

export type TaskView = 'todo' | 'done' | 'warning' | 'overdue';

/** One entry of GET /api/tasks (todo-like views). */
export interface TodoTask {
  taskId: string;
  caseId: string;
  caseNo: string;
  itemCode: string;
  caseState: string;
  stepId: string;
  stepName: string;
  phase: string;
  departmentCode: string | null;
  applicantName?: string;
  projectName?: string | null;
  startedAt?: string;
  completedAt?: string;
  outcome?: string | null;
  onTime?: boolean | null;
  dueDate: string | null;
  light?: Light;
  remainingDays?: number | null;
  actions?: CaseAction[];
}

/** GET /api/tasks */
export interface TaskList {
  view: TaskView;
  counts: Record<TaskView, number>;
  total: number;
  page: number;
  pageSize: number;
  items: TodoTask[];
}

export interface FormField {
  key: string;
  label: string;
  labelEn: string;
  type: 'text' | 'textarea' | 'number' | 'select' | 'date';
  required: boolean;
  unit?: string;
  min?: number;
  max?: number;
  maxLength?: number;
  options?: { value: string; label: string; labelEn: string }[];
}

export interface ItemMaterial {
  code: string;
  name: string;
  form: 'original' | 'copy' | 'original_and_copy' | 'electronic';
  count: number;
  requirement: 'required' | 'conditional';
  condition?: string;
  electronicAllowed: boolean;
}

/** An entry of GET /api/service-items */
export interface ServiceItem {
  code: string;
  version: number;
  active: boolean;
  guide: {
    name: string;
    nameEn: string;
    competentDepartment: string;
    legalDays: number;
    promisedDays: number;
    specialProcedures: { code: string; name: string; maxDays: number }[];
    materials: ItemMaterial[];
    spatialReview: { required: boolean; ruleSet: string | null };
    formSchema: { fields: FormField[] };
  };
  abilities?: { edit: boolean };
}

export interface CaseTask {
  id: string;
  stepId: string;
  stepName: string;
  phase: string;
  status: string;
  outcome: string | null;
  comment: string | null;
  departmentCode: string | null;
  startedAt: string;
  dueDate: string | null;
  completedAt: string | null;
  light: Light;
  remainingDays: number | null;
  actions: CaseAction[];
}

export interface CaseClock {
  light: Light;
  dueDate: string | null;
  remainingDays: number | null;
  elapsedDays: number | null;
  pausedDays: number;
  paused: boolean;
}

export interface SupplementItem {
  materialCode?: string;
  name: string;
  problem: string;
}

/** GET /api/cases/:id */
export interface CaseDetail {
  id: string;
  caseNo: string;
  itemCode: string;
  itemName: string;
  state: string;
  stateName: string;
  version: number;
  channel: string;
  applicant: { type: string; name: string; idType: string; idNumber: string; phone: string; contactName: string | null; address: string | null };
  project: Record<string, unknown>;
  reviewReportId: string | null;
  departmentCode: string | null;
  submittedAt: string;
  acceptedOn: string | null;
  timeLimitDays: number;
  extensionDays: number;
  decision: 'approved' | 'denied' | null;
  decidedAt: string | null;
  certificateNo: string | null;
  deliveredAt: string | null;
  closedAt: string | null;
  clock: CaseClock;
  tasks: CaseTask[];
  pauses: { kind: string; procedure: string | null; reason: string | null; plannedDays: number | null; startedOn: string; endedOn: string | null }[];
  supplementNotices: { id: string; beforeAcceptance: boolean; items: SupplementItem[]; issuedAt: string; answeredAt: string | null }[];
  materials: { code: string; name: string; version: number; fileId: string | null; note: string; uploadedAt: string; current: boolean }[];
  timeline: { id: number; at: string; actor: string | null; action: string; from: string | null; to: string; stepId: string | null; comment: string | null; detail: Record<string, unknown> }[];
  allowedActions: { action: CaseAction; taskId?: string }[];
}

/** A node of a process definition graph (GET /api/service-items/:code/process). */
export interface ProcessNode {
  id: string;
  type: string;
  name: string;
  returnTargets?: string[];
}

export interface ProcessDefinition {
  id?: string;
  version: number;
  name: string;
  reason?: string;
  createdAt?: string;
  createdByName?: string | null;
  graph: { nodes: ProcessNode[]; flows: { id: string; from: string; to: string }[] };
}

export type Verdict = 'PASS' | 'NA' | 'WARN' | 'CONDITIONAL' | 'MANUAL' | 'FAIL';
export interface Area {
  m2: number;
  ha: number;
  mu: number;
}

/** GET /api/reviews/:id (and the 201 of POST /api/reviews) */
export interface ReviewReport {
  id: string;
  reportNo: string;
  itemCode: string;
  createdAt: string;
  createdByName: string | null;
  /** The boundary as GeoJSON geometry in EPSG:4490 (longitude, latitude), and its area. */
  boundary: { geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] }; area: Area };
  overall: Verdict;
  results: {
    ruleId: string;
    title: { zh: string; en: string };
    layer: { code: string; name: string | null; version: number | null };
    area: Area;
    verdict: Verdict;
    message: { zh: string; en: string };
    advice: { zh: string; en: string } | null;
  }[];
}
