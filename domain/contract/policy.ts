import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { GregorianDate, literals, ProvinceCode } from './common';

const closed = <T extends Record<string, TSchema>>(props: T) => Type.Object(props, { additionalProperties: false });
const Days = Type.Integer({ minimum: 1, maximum: 3650, description: 'days' });

/** Who may record urgent relief on their own while an emergency is declared (NOTES: approvals must bend). */
export const RELIEF_APPROVERS = ['district', 'mentor'] as const;

/**
 * A province's own timing rules and emergency settings (docs/PROGRAM.md, "Policy settings"). A
 * version never changes once stored; the workflows keep the version a case started with until an
 * explicit migration moves it.
 */
export const PolicySettings = closed({
  dueDays: closed({ verification: Days, analysis: Days, districtAssignment: Days, assistance: Days }),
  /** A reminder goes to the step's owner this many days before the due date (0: on the day). */
  reminderDaysBefore: Type.Integer({ minimum: 0, maximum: 365 }),
  /** Still overdue this many days after the first escalation: escalate again. */
  reescalateAfterDays: Days,
  /** Follow-up visits, in months after the last task ends, in order. */
  followUpMonths: Type.Array(Type.Integer({ minimum: 1, maximum: 120 }), { minItems: 1, maxItems: 24 }),
  /** Long-term welfare track: one follow-up every this many months. */
  welfareFollowUpMonths: Type.Integer({ minimum: 1, maximum: 120 }),
  /** District meeting cadence: a five-field cron expression (minute hour day month weekday). */
  districtMeetingCron: Type.String({ pattern: '^\\S+( \\S+){4}$', maxLength: 60 }),
  /**
   * How many days the author of a record (or an agency, of its activity) may correct it alone;
   * after that the district corrects it, with a reason. Absent in policies of cases started before
   * corrections existed: they read the default (`correctionDaysOf`).
   */
  correctionDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
  emergency: Type.Optional(
    closed({
      /** In an area paused for a disaster, the district may assign problems without a meeting. */
      assignWithoutMeeting: Type.Boolean(),
      /** Who may record urgent relief without waiting for the district while the emergency lasts. */
      reliefApprover: literals(RELIEF_APPROVERS),
    }),
  ),
});
export type PolicySettings = Static<typeof PolicySettings>;

/** The policy a case carries: its settings, the version's name and the province it was read for. */
export type CasePolicy = PolicySettings & { version: string; provinceCode: string | null };

export const NewPolicyBody = closed({
  /** null: the national default, for provinces without a version of their own (admin only). */
  provinceCode: Type.Union([ProvinceCode, Type.Null()]),
  /** From this day (Bangkok) new cases take the version; never a day in the past. */
  effectiveFrom: GregorianDate,
  settings: PolicySettings,
  note: Type.Optional(Type.String({ maxLength: 500 })),
});
export type NewPolicyBody = Static<typeof NewPolicyBody>;

export const PolicyVersion = closed({
  version: Type.String(),
  provinceCode: Type.Union([ProvinceCode, Type.Null()]),
  effectiveFrom: GregorianDate,
  createdAt: Type.String(),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  settings: PolicySettings,
  /** Open cases that run on this version now. */
  openCases: Type.Integer(),
});
export type PolicyVersion = Static<typeof PolicyVersion>;

export const PolicyList = closed({
  provinceCode: Type.Union([ProvinceCode, Type.Null()]),
  /** The version new cases of the province take today. */
  inForce: Type.String(),
  versions: Type.Array(PolicyVersion),
});

export const MigrationPreview = closed({
  version: Type.String(),
  /** Open cases of the province on another version: what a migration would move. */
  cases: Type.Integer(),
  /** Of those, cases whose current step would be overdue at once under the new durations. */
  becomeOverdue: Type.Integer(),
  byVersion: Type.Array(closed({ version: Type.String(), cases: Type.Integer() })),
});
export type MigrationPreview = Static<typeof MigrationPreview>;

export const BULK_KINDS = ['migratePolicy', 'pauseArea', 'resumeArea'] as const;
export type BulkKind = (typeof BULK_KINDS)[number];

export const BulkJobView = closed({
  id: Type.String(),
  kind: literals(BULK_KINDS),
  status: literals(['running', 'completed', 'failed'] as const),
  total: Type.Integer(),
  done: Type.Integer(),
  skipped: Type.Integer(),
  pending: Type.Integer(),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  /** Why cases were skipped (their stage no longer allows it, already there): code → count. */
  skippedBy: Type.Record(Type.String(), Type.Integer()),
});
export type BulkJobView = Static<typeof BulkJobView>;
