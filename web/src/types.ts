/**
 * Response shapes, taken from the server's own schemas (type-only: nothing of the server is
 * bundled), so the UI and the API cannot drift apart unnoticed.
 */
export type { CaseView } from '../../api/views/case-view';
export type { HouseholdDetail, HouseholdSummary } from '../../api/services/households';
export type { Principal } from '../../api/auth/principal';
export type { CasesByStage, CasesByDimension, CasesByArea } from '../../api/services/reports/case-counts';
export type { MonthlyTrendReport } from '../../api/services/reports/monthly-trend';
export type { DistrictGradesReport } from '../../api/services/reports/district-grades';
export type { Sjp3Report, Sjp4Report } from '../../api/services/reports/forms';
export type { ImportView, RejectedRow } from '../../api/services/imports/reads';
export type { Role } from '../../workflows/roles';
export type { CaseAction } from '../../workflows/household-case/rules';
export type { Dimension, Stage } from '../../workflows/household-case/types';

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface InboxItem {
  id: string;
  kind: string;
  caseId: string;
  taskId: string | null;
  ownerRole: string;
  districtCode: string;
  subdistrictCode: string;
  agencyCode: string | null;
  title: string;
  stage: string | null;
  dueAt: string | null;
  createdAt: string;
  overdue: boolean;
}
export interface Inbox extends Page<InboxItem> {
  counters: { total: number; overdue: number; dueSoon: number };
}

export interface CaseListItem {
  caseId: string;
  householdId: string;
  houseCode: string | null;
  headName: string | null;
  districtCode: string;
  subdistrictCode: string;
  stage: string;
  status: string;
  assignmentLevel: string;
  dueAt: string | null;
  overdueLevel: number;
  escalated: boolean;
  lastProgressAt: string;
}
export interface Incident {
  incidentId: string;
  kind: string;
  workflowId: string;
  activityType: string;
  caseId: string | null;
  detail: string;
  attempt: number;
  lastSeenAt: string;
}
export interface StuckPage extends Page<CaseListItem> {
  incidents: Page<Incident>;
  workflowProblems: { available: boolean; items: Array<{ workflowId: string; workflowType: string; caseId: string | null; problems: string[] }> };
}

export interface AgendaProblem {
  problemId: string;
  dimension: string;
  indicator: string;
  description: string;
  proposedAgencies: string[];
}
export interface Meeting {
  meetingId: string;
  districtCode: string;
  status: string;
  openedAt: string;
  closedAt: string | null;
  agenda: Array<{ caseId: string; householdId: string; subdistrictCode: string; dueAt: string | null; overdueLevel: number; problems: AgendaProblem[] }>;
  results: Array<{ caseId: string; ok: boolean; error: string }>;
}
export interface MeetingSummary {
  meetingId: string;
  districtCode: string;
  status: string;
  openedAt: string;
  closedAt: string | null;
  agendaSize: number;
  decisionCount: number;
}

export interface Task {
  taskId: string;
  caseId: string;
  householdId: string;
  problem: { id: string; dimension: string; indicator: string; description: string };
  agencyCode: string;
  menuItem: string;
  level: string;
  status: string;
  assignedAt: string;
  dueAt: string;
  overdueLevel: number;
  totals: { baht: number; items: number; activities: number };
  log: Array<{ seq: number; date: string; kind: string; description: string; baht: number; items: number; by: string; recordedAt: string }>;
  outcome: { at: string; by: string; note: string } | null;
}

export interface Named {
  code: string;
  nameTh: string;
  nameEn: string | null;
}
export interface Reference {
  dimensions: Named[];
  indicators: Array<Named & { dimension: string; proposedAgencyCodes: string[] }>;
  jptIndicators: Array<Named & { dimension: string }>;
  agencies: Array<Named & { level: string }>;
  menu: Array<Named & { dimension: string; phase: string; providerAgencyCodes: string[] }>;
  provinces: Named[];
  districts: Array<Named & { provinceCode: string }>;
}
