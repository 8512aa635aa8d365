/**
 * Response shapes, taken type-only from the server's own schemas wherever a service exports
 * one (nothing of the server is bundled), so those cannot drift apart unnoticed. The few below
 * written by hand are shapes declared inside route files, which pull in Fastify's server types.
 */
export type { CaseView } from '../../api/views/case-view';
export type { HouseholdDetail, HouseholdSummary, HouseholdLogbook, TimelineEventView } from '../../api/services/households';
export type { ActorView, AreaNames, Name } from '../../api/views/names';
export type { UserListItem, UserListPage } from '../../api/views/user-view';
export type { Principal } from '../../domain/scope';
export type { NotificationPreferencesView as NotificationPreferences } from '../../domain/contract/notifications';
export type { CasesByStage, CasesByDimension, CasesByArea } from '../../api/services/reports/case-counts';
export type { MonthlyTrendReport } from '../../api/services/reports/monthly-trend';
export type { DistrictGradesReport } from '../../api/services/reports/district-grades';
export type { Sjp3Report, Sjp4Report } from '../../api/services/reports/forms';
export type { ImportView, RejectedRow } from '../../api/services/imports/reads';
export type { Role } from '../../workflows/roles';
export type { CaseAction } from '../../workflows/household-case/rules';
export type { Dimension, Stage } from '../../workflows/household-case/types';
import type { Static } from '@sinclair/typebox';
import type { IncidentView } from '../../api/services/incidents';
import type { InboxCounters, InboxItemView } from '../../api/services/inbox';
import type { MeetingSummary as MeetingSummaryView, MeetingView } from '../../api/services/meetings';
import type { CaseListItem } from '../../api/services/supervisor';
export type { CaseListItem };

export type { PageOf as Page } from '../../api/services/lists';
import type { PageOf as Page } from '../../api/services/lists';

export type InboxItem = InboxItemView;
export type Inbox = Page<InboxItem> & { counters: Static<typeof InboxCounters> };

export type Incident = IncidentView;
export interface StuckPage extends Page<CaseListItem> {
  incidents: Page<Incident>;
  workflowProblems: { available: boolean; items: Array<{ workflowId: string; workflowType: string; caseId: string | null; problems: string[] }> };
}

export type Meeting = MeetingView;
export type AgendaItem = MeetingView['agenda'][number];
export type AgendaProblem = AgendaItem['problems'][number];

export type MeetingSummary = Static<typeof MeetingSummaryView>;

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
