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
/** What a case's timeline records (recordEvent), and the UI names on the household page. */
export const CASE_EVENT_TYPES = [
  'caseOpened',
  'verified',
  'analysisRecorded',
  'planRecorded',
  'reliefGiven',
  'problemAssigned',
  'escalated',
  'returnedToDistrict',
  'followUpRecorded',
  'paused',
  'resumed',
  'transferred',
  'closed',
  'reopened',
  'stageChanged',
  'reminderSent',
  'surveyResult',
  'householdDataChanged',
  'policyMigrated',
  'reopenWindowEnded',
  'taskCompleted',
  'taskReturned',
  'taskCancelled',
] as const;
/** The two sources of the TPMAP Logbook: urgent relief on a visit, and an agency's activity on its task. */
export const LOGBOOK_SOURCES = ['relief', 'task'] as const;
