/**
 * The program's closed word lists, once (docs/PROGRAM.md). The workflow types, the API's request
 * schemas and the UI's label maps all derive from these, so a word added or renamed here must be
 * handled everywhere before the project compiles.
 */
export const STAGES = ['verification', 'analysis', 'districtAssignment', 'assistance', 'followUp', 'closed'] as const;
/** The stages of a case still being worked on. */
export const OPEN_STAGES = ['verification', 'analysis', 'districtAssignment', 'assistance', 'followUp'] as const satisfies ReadonlyArray<(typeof STAGES)[number]>;
export const DIMENSIONS = ['health', 'living', 'education', 'income', 'access'] as const;
export const ENTRY_SOURCES = ['tpmap', 'missed', 'vulnerable', 'thaiqm'] as const;
export const VERIFICATION_OUTCOMES = ['confirmed', 'notInArea', 'allDeceased', 'moved', 'duplicate'] as const;
export const HOUSEHOLD_TYPES = ['canDevelop', 'welfare', 'declines'] as const;
export const PLAN_GOALS = ['survive', 'sufficient', 'sustainable'] as const;
export const FOLLOW_UP_OUTCOMES = ['solved', 'waiting', 'followingUp', 'notYetSolvable'] as const;
export const CLOSURE_REASONS = ['graduated', 'declinedHelp', 'notInArea', 'allDeceased', 'merged', 'transferred'] as const;
/** Closures an official records by hand; a merge goes through verification. */
export const HAND_CLOSURE_REASONS = ['graduated', 'declinedHelp', 'notInArea', 'allDeceased', 'transferred'] as const satisfies ReadonlyArray<(typeof CLOSURE_REASONS)[number]>;
export const PAUSE_REASONS = ['householdAway', 'disaster', 'lockdown', 'budgetNotReleased', 'other'] as const;
/** What a case's timeline records (recordEvent in workflows/household-case/state.ts). */
export const CASE_EVENT_TYPES = [
  'caseOpened', 'verified', 'analysisRecorded', 'planRecorded', 'reliefGiven', 'problemAssigned', 'escalated', 'returnedToDistrict',
  'followUpRecorded', 'paused', 'resumed', 'transferred', 'closed', 'reopened', 'stageChanged', 'reminderSent', 'surveyResult',
  // corrected: a correction of a record (workflows/household-case/corrections.ts), or of a task's activity.
  'householdDataChanged', 'policyMigrated', 'reopenWindowEnded', 'corrected', 'taskCompleted', 'taskReturned', 'taskCancelled',
] as const;
/** The read model's timeline names a hand escalation apart from the timer's (db/read-model/projection.ts). */
export const TIMELINE_EVENT_TYPES = [...CASE_EVENT_TYPES, 'escalatedByHand'] as const;
export const CASE_STATUSES = ['active', 'paused', 'closed'] as const;
/** What an inbox item asks for: a stage's work, a reminder, an escalation, or an agency's task. */
export const INBOX_KINDS = ['work', 'reminder', 'escalation', 'task'] as const;
/** Where a logbook entry comes from: urgent relief on a visit, or an activity an agency logged on its task. */
export const LOGBOOK_SOURCES = ['relief', 'task'] as const;
export const MEETING_STATUSES = ['open', 'decided', 'lapsed'] as const;
/** A district meeting's decision on one agenda item. */
export const MEETING_DECISION_KINDS = ['assign', 'escalate', 'later'] as const;
/** What an official can do to a case (the rules of each: ACTION_RULES in workflows/household-case/rules.ts). */
export const CASE_ACTIONS = [
  'verifyTarget', 'recordAnalysis', 'recordPlan', 'giveRelief', 'assignProblems', 'escalateCase', 'returnToDistrict',
  'recordFollowUp', 'pauseCase', 'resumeCase', 'transferCase', 'closeCase', 'reopenCase', 'migratePolicy',
  // Corrections (workflows/correction-rules.ts says who may make them).
  'amendRelief', 'voidRelief', 'amendAnalysis', 'amendProblems', 'amendPlan', 'amendMember',
] as const;
/** What a person can be told about (docs/API.md, "Notifications"): a reminder before a due date, their own work overdue, a case escalated to them, a task given to their agency. */
export const NOTIFICATION_KINDS = ['reminder', 'overdue', 'escalated', 'taskAssigned'] as const;
/** How each kind reaches them: only in the app's inbox, or also in one e-mail a day. */
export const NOTIFICATION_DELIVERIES = ['inApp', 'dailyDigest'] as const;
