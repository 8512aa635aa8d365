import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { Activities } from '../../activities';
import { shortActivity } from '../activity-options';
import { districtCodeKey, dueAtKey, escalatedKey, overdueLevelKey, stageKey } from '../search-attributes';
import { levelAbove, nextDeadline, STAGE_OWNER, type DeadlineAction, type DeadlineMarks } from './deadlines';
import { caseStateQuery } from './messages';
import { openCaseState, recordEvent } from './state';
import type { CaseState, HouseholdCaseInput } from './types';

const { projectCase } = proxyActivities<Activities>(shortActivity);

const now = (): string => new Date().toISOString();

/**
 * One household's case, from target verification to closure. It lives for years: it sleeps on
 * condition() between actions and deadlines, and continues as new before its history grows large.
 */
export async function householdCaseWorkflow(input: HouseholdCaseInput): Promise<CaseState> {
  const state = input.carriedState ?? openCase(input);
  const marks: DeadlineMarks = { remindedFor: null };

  // ---- message handling ----
  setHandler(caseStateQuery, () => state);

  // ---- main logic ----
  let published = -1;
  let visible = '';
  const publish = async (): Promise<void> => {
    visible = updateSearchAttributes(state, visible);
    if (published === state.version) return;
    const version = state.version;
    await projectCase(state);
    published = version;
  };

  await publish();
  while (state.status !== 'closed') {
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await publish();
      return continueAsNew<typeof householdCaseWorkflow>({ household: state.household, policy: state.policy, openedBy: 'system', carriedState: state });
    }
    const seen = state.version;
    const deadline = nextDeadline(state, marks);
    const timeout = deadline ? Math.max(0, Date.parse(deadline.at) - Date.now()) : undefined;
    const changed = await condition(() => state.version !== seen, timeout);
    if (!changed && deadline) applyDeadline(state, marks, deadline.action);
    await publish();
  }
  return state;
}

function openCase(input: HouseholdCaseInput): CaseState {
  const state = openCaseState(workflowInfo().workflowId, input.household, input.policy, now());
  recordEvent(state, 'caseOpened', input.openedBy, now(), { source: input.household.source });
  return state;
}

function applyDeadline(state: CaseState, marks: DeadlineMarks, action: DeadlineAction): void {
  const owner = STAGE_OWNER[state.stage];
  if (action === 'remind') {
    marks.remindedFor = state.dueAt;
    recordEvent(state, 'reminderSent', 'system', now(), { stage: state.stage, to: owner, dueAt: state.dueAt });
    return;
  }
  const from = action === 'overdue' ? owner : levelAbove(owner);
  state.overdueLevel = action === 'overdue' ? 1 : 2;
  state.escalated = true;
  recordEvent(state, 'escalated', 'system', now(), {
    stage: state.stage,
    from,
    to: levelAbove(from),
    reason: action === 'overdue' ? 'overdue' : 'stillOverdue',
    dueAt: state.dueAt,
  });
}

/**
 * Keeps the case's search attributes current. Upserts only when a value changed (every upsert is
 * a history event), and only for cases started with them: the starter decides whether the case is
 * visible (the time-skipping test server knows no custom attributes).
 */
function updateSearchAttributes(state: CaseState, previous: string): string {
  if (workflowInfo().typedSearchAttributes.get(districtCodeKey) === undefined) return previous;
  const pairs: SearchAttributeUpdatePair[] = [
    { key: stageKey, value: state.stage },
    { key: districtCodeKey, value: state.household.districtCode },
    { key: dueAtKey, value: state.dueAt ? new Date(state.dueAt) : null },
    { key: overdueLevelKey, value: state.overdueLevel },
    { key: escalatedKey, value: state.escalated },
  ];
  const fingerprint = JSON.stringify(pairs.map((pair) => pair.value));
  if (fingerprint !== previous) upsertSearchAttributes(pairs);
  return fingerprint;
}
