/**
 * Response shapes, taken type-only from the server's own TypeBox schemas (nothing of the server is
 * bundled), so the UI and the API cannot drift apart unnoticed. None is written by hand: a schema
 * the UI reads lives in api/views/ or api/services/, never inside a route file, which would pull
 * in Fastify's server types.
 */
export type { CaseView } from '../../api/views/case-view';
export type { HouseholdDetail, HouseholdSummary, HouseholdLogbook, NationalIdSearchResult, TimelineEventView } from '../../api/services/households';
export type { ActorView, AreaNames, Name } from '../../api/views/names';
export type { UserListItem, UserListPage } from '../../api/views/user-view';
export type { Principal } from '../../domain/scope';
export type { NotificationPreferencesView as NotificationPreferences } from '../../domain/contract/notifications';
export type { CasesByStage, CasesByDimension, CasesByArea } from '../../api/services/reports/case-counts';
export type { MonthlyTrendReport } from '../../api/services/reports/monthly-trend';
export type { Dashboard } from '../../api/services/reports/dashboard';
export type { DistrictGradesReport } from '../../api/services/reports/district-grades';
export type { Sjp3HouseholdReport, Sjp3Report, Sjp4Report } from '../../api/services/reports/forms';
export type { ImportView, RejectedRow } from '../../api/services/imports/reads';
export type { AcceptedHousehold } from '../../api/services/imports/accepted';
export type { Role } from '../../workflows/roles';
export type { CaseAction } from '../../workflows/household-case/rules';
export type { Dimension, Stage } from '../../workflows/household-case/types';
import type { Static } from '@sinclair/typebox';
import type { IncidentView } from '../../api/services/incidents';
import type { InboxItemView, InboxPage } from '../../api/services/inbox';
import type { MeetingSummary as MeetingSummaryView, MeetingView } from '../../api/services/meetings';
import type { CaseListItem } from '../../api/services/supervisor';
export type { CaseListItem };
export type { StuckPage } from '../../api/services/supervisor';
export type { TaskView as Task } from '../../api/views/task-view';
export type { Named, Reference } from '../../api/views/reference-view';

export type { PageOf as Page } from '../../api/services/lists';

export type InboxItem = InboxItemView;
export type Inbox = Static<typeof InboxPage>;

export type Incident = IncidentView;

export type Meeting = MeetingView;
export type AgendaItem = MeetingView['agenda'][number];
export type AgendaProblem = AgendaItem['problems'][number];

export type MeetingSummary = Static<typeof MeetingSummaryView>;
