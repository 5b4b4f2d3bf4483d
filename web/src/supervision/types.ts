/** Shapes of GET /api/supervision/* (the server's schemas are the truth). */

export type Metric = 'all' | 'overdue' | 'warning' | 'onTime' | 'late' | 'early' | 'instant' | 'fullyOnline';

export interface Group {
  key: string;
  name: string;
  cases: number;
  decided: number;
  onTimeRate: number | null;
  earlyRate: number | null;
  averageWorkingDays: number | null;
  overdue: number;
  warning: number;
  instantShare: number | null;
  fullyOnlineShare: number | null;
  averageVisits: number | null;
}

export interface Summary {
  period: { from: string; to: string };
  totals: Group | null;
  byState: { state: string; name: string; cases: number }[];
  byItem: Group[];
  byDepartment: Group[];
  byMonth: Group[];
  byStep: { itemCode: string; stepId: string; stepName: string; tasks: number; averageWorkingDays: number }[];
}

export interface CaseFigure {
  id: string;
  caseNo: string;
  itemCode: string;
  itemName: string;
  departmentCode: string | null;
  state: string;
  stateName: string;
  submittedOn: string;
  acceptedOn: string | null;
  dueDate: string | null;
  finishedOn: string | null;
  workingDays: number | null;
  light: string;
  onTime: boolean | null;
}

export interface Period {
  from: string;
  to: string;
}

/** GET /api/supervision/ratings */
export interface RatingStats {
  total: number;
  average: number | null;
  byLevel: { level: number; count: number }[];
  byItem: { itemCode: string; itemName: string; count: number; average: number | null; poor: number }[];
  byDepartment: { department: string; departmentName: string; count: number; average: number | null; poor: number }[];
}

/** GET /api/supervision/rectifications */
export interface Rectification {
  id: string;
  caseId: string;
  caseNo: string;
  itemName: string;
  department: string;
  departmentName: string;
  level: number;
  levelName: string;
  levelNameEn?: string;
  tags: string[];
  comment: string | null;
  dueDate: string;
  light: string;
  status: 'open' | 'closed';
  reply: string | null;
  repliedAt: string | null;
}
