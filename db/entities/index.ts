import { AssistanceTask } from './assistance-task.entity';
import { AuditEvent } from './audit-event.entity';
import { CaseEvent } from './case-event.entity';
import { CasePolicy } from './case-policy.entity';
import { CaseProblem } from './case-problem.entity';
import { DistrictMeeting } from './district-meeting.entity';
import { Escalation } from './escalation.entity';
import { Household } from './household.entity';
import { HouseholdCase } from './household-case.entity';
import { HouseholdMember } from './household-member.entity';
import { InboxItem } from './inbox-item.entity';
import { LogbookEntry } from './logbook-entry.entity';
import { PlanItem } from './plan-item.entity';
import { Agency, Dimension, District, JptIndicator, MenuItem, Ministry, Province, Subdistrict, TpmapIndicator } from './reference.entity';

import { AppUser, UserSession } from './app-user.entity';
import { EngineIncident, ImportJob, ImportRow } from './import-job.entity';

export {
  Agency,
  AppUser,
  EngineIncident,
  ImportJob,
  ImportRow,
  UserSession,
  AssistanceTask,
  AuditEvent,
  CaseEvent,
  CasePolicy,
  CaseProblem,
  Dimension,
  District,
  DistrictMeeting,
  Escalation,
  Household,
  HouseholdCase,
  HouseholdMember,
  InboxItem,
  JptIndicator,
  LogbookEntry,
  MenuItem,
  Ministry,
  PlanItem,
  Province,
  Subdistrict,
  TpmapIndicator,
};

export const ALL_ENTITIES = [
  Household,
  HouseholdMember,
  HouseholdCase,
  CaseProblem,
  PlanItem,
  CaseEvent,
  Escalation,
  AssistanceTask,
  LogbookEntry,
  InboxItem,
  DistrictMeeting,
  AuditEvent,
  CasePolicy,
  Dimension,
  TpmapIndicator,
  JptIndicator,
  Ministry,
  Agency,
  MenuItem,
  Province,
  District,
  Subdistrict,
  AppUser,
  UserSession,
  ImportJob,
  ImportRow,
  EngineIncident,
];
