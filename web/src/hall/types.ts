import type { FormField, ItemMaterial } from '../office/types.ts';

/** Shapes of the online hall's API (/api/portal), as agreed in the hall's HTTP contract. */

export type Audience = 'person' | 'organisation';
export type ThemeCode = 'planning' | 'land' | 'mineral' | 'survey' | 'realestate';
export type Light = 'green' | 'yellow' | 'red' | 'paused' | 'none';

export interface GuideTheme {
  code: ThemeCode;
  name: string;
  nameEn: string;
  count: number;
}

export interface GuideItem {
  code: string;
  name: string;
  nameEn: string;
  theme: ThemeCode;
  audiences: Audience[];
  kind: string;
  handlingType: string;
  onlineDepth: string;
  maxVisits: number;
  legalDays: number;
  promisedDays: number;
  charged: boolean;
  spatialReview: boolean;
  summary: string;
}

export interface GuideList {
  themes: GuideTheme[];
  items: GuideItem[];
}

// The item's form shape is the office's (one guide, read by both).
export type { FormField };

export interface GuideMaterial extends ItemMaterial {
  note?: string;
  templateUrl: string | null;
  sampleUrl: string | null;
}

export interface Faq {
  q: string;
  a: string;
  qEn: string;
  aEn: string;
}

export interface ItemGuide {
  name: string;
  nameEn: string;
  implementationCode: string;
  kind: string;
  handlingType: string;
  implementingAgency: { name: string; creditCode: string };
  legalDays: number;
  promisedDays: number;
  specialProcedures: { code: string; name: string; maxDays: number }[];
  conditions: string[];
  legalBasis: string[];
  fees: { charged: boolean; description: string };
  process: string[];
  resultName: string;
  enquiryPhone: string;
  complaintPhone: string;
  place: string;
  officeHours: string;
  onlineDepth: string;
  maxVisits: number;
  spatialReview: { required: boolean; ruleSet: string | null };
  formSchema: { fields: FormField[] };
  theme?: ThemeCode;
  audiences?: Audience[];
  faq?: Faq[];
}

export interface GuideDetail {
  code: string;
  version: number;
  guide: ItemGuide;
  steps: { name: string; nameEn: string; department: string; departmentEn: string; timeLimitDays: number | null }[];
  materials: GuideMaterial[];
  faq: Faq[];
}

export interface UploadedFile {
  fileId: string;
  name: string;
  size: number;
  mime: string;
  sha256: string;
}

export interface RuleLine {
  id: string;
  name: string;
  nameEn: string;
  verdict: string;
  message: string;
  messageEn: string;
}

export interface Precheck {
  reportId: string;
  reportNo: string;
  verdict: string;
  verdictName: string;
  verdictNameEn: string;
  areaM2: number;
  areaHa: number;
  areaMu: number;
  rules: RuleLine[];
  createdAt: string;
}

export interface DraftSummary {
  id: string;
  itemCode: string;
  itemName: string;
  updatedAt: string;
}

export interface DraftMaterial {
  code: string;
  fileId: string;
  name: string;
  size: number;
  mime: string;
}

export interface Draft {
  id: string;
  itemCode: string;
  itemName: string;
  version: number;
  project: Record<string, unknown>;
  materials: DraftMaterial[];
  boundaryFileName: string | null;
  boundary: unknown;
  precheck: Precheck | null;
  submittedCaseId: string | null;
  updatedAt: string;
}

export interface Submitted {
  caseId: string;
  caseNo: string;
  queryCode: string;
}

export interface CaseSummary {
  id: string;
  caseNo: string;
  itemCode: string;
  itemName: string;
  state: string;
  stateName: string;
  submittedAt: string;
  dueDate: string | null;
  light: Light;
}

export interface ClockPause {
  kind: 'supplement' | 'special';
  procedure: string | null;
  reason: string | null;
  reasonName: string;
  reasonNameEn: string;
  from: string;
  to: string | null;
  days: number;
}

export interface CaseClock {
  allowedDays: number;
  usedDays: number;
  /** Null before acceptance (the clock has not started). */
  remainingDays: number | null;
  dueDate: string | null;
  light: Light;
  running: boolean;
  pauses: ClockPause[];
  holidaysSkipped: { date: string; name: string }[];
}

export interface TimelineEntry {
  at: string;
  action: string;
  label: string;
  labelEn: string;
  state: string;
  department: string | null;
  departmentEn: string | null;
  reason?: string | null;
}

export interface CaseDocument {
  kind: string;
  name: string;
  nameEn: string;
  url: string;
}

export interface SupplementItem {
  /** The material to replace; items without one ask for an explanation only. */
  materialCode?: string;
  name: string;
  problem: string;
}

export interface SupplementNotice {
  id: string;
  beforeAcceptance: boolean;
  items: SupplementItem[];
  issuedAt: string;
  answeredAt: string | null;
}

export interface CaseMaterial {
  code: string;
  name?: string;
  fileId?: string | null;
  fileName?: string | null;
  note?: string | null;
  /** Version of this material; a replaced file stays in the list with `current: false`. */
  version?: number;
  current?: boolean;
}

export interface CaseDetail {
  id: string;
  caseNo: string;
  queryCode: string;
  itemCode: string;
  itemName: string;
  state: string;
  stateName: string;
  version: number;
  submittedAt: string;
  acceptedOn: string | null;
  decision: string | null;
  decidedAt: string | null;
  certificateNo: string | null;
  deliveredAt: string | null;
  project: Record<string, unknown>;
  materials: CaseMaterial[];
  supplementNotices: SupplementNotice[];
  allowedActions: { action: string }[];
  clock: CaseClock;
  timeline: TimelineEntry[];
  documents: CaseDocument[];
  certificate: { number: string; url: string; verifyUrl: string } | null;
}

export interface Progress {
  caseNo: string;
  itemName: string;
  state: string;
  stateName: string;
  submittedAt: string;
  dueDate: string | null;
  light: Light;
  timeline: { at: string; label: string; labelEn: string; department: string | null }[];
}

export interface HallMessage {
  id: string;
  caseId: string | null;
  caseNo: string | null;
  kind: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface MessagePage {
  unread: number;
  total: number;
  items: HallMessage[];
}

export interface RatingLevel {
  level: number;
  name: string;
  nameEn: string;
}

export interface RatingTag {
  code: string;
  name: string;
  nameEn: string;
  positive: boolean;
}

export interface Rating {
  level: number;
  levelName: string;
  tags: string[];
  comment: string | null;
  channel: string;
  createdAt: string;
  rectification: { status: string; dueDate: string | null; reply: string | null; repliedAt: string | null } | null;
}

export interface RatingState {
  canRate: boolean;
  rating: Rating | null;
  levels: RatingLevel[];
  tags: RatingTag[];
}

export interface AccountView {
  id: string;
  kind: 'person' | 'organisation';
  name: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  emailMasked: string | null;
}

export interface ApplicantMe extends AccountView {
  hasPassword: boolean;
  linkedToIdentityService: boolean;
  signInMethod: string;
  lastLogin: { at: string; ip: string | null } | null;
  actingFor: (AccountView & { role: string }) | null;
  organisations: (AccountView & { role: string; validTo: string | null })[];
}
