import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { Activities } from '../../activities';
import { localProjection, shortActivity } from '../activity-options';
import { assistanceTaskWorkflow } from '../assistance-task/workflow';
import { cancelTaskSignal, pauseTaskSignal, resumeTaskSignal } from '../assistance-task/messages';
import { localFirst } from '../local-first';
import { districtCodeKey } from '../search-attributes';
import { levelAbove, nextDeadline, STAGE_OWNER, type DeadlineAction } from './deadlines';
import * as M from './messages';
import { caseSearchAttributes, openingState, searchAttributesFingerprint } from './opening';
import { recordEvent, refreshEscalated } from './state';
import * as K from './corrections';
import * as T from './transitions';
import type { CaseState, HouseholdCaseInput } from './types';

const { projectCase, ensureDistrictMeetingSchedule } = proxyActivities<Activities>(shortActivity);
const local = proxyLocalActivities<Activities>(localProjection);

const now = (): string => new Date().toISOString();
/** A closed case can be reopened by an update for a year; after that it completes. */
const REOPEN_WINDOW = '365 days';
/**
 * Cases whose reopen window ends say so in their timeline (and so in the read model), so that
 * nobody is offered a reopen the workflow can no longer take. Cases that were already waiting
 * when this shipped replay without the event.
 */
export const REOPEN_WINDOW_ENDED_PATCH = 'reopen-window-ended-event';
/** Projections run as local activities; cases already running keep their (activity) history on replay. */
export const LOCAL_PROJECTION_PATCH = 'local-projection';

/**
 * One household's case, from target verification to closure. It lives for years: it sleeps on
 * condition() between actions and deadlines, and continues as new before its history grows large.
 */
export async function householdCaseWorkflow(input: HouseholdCaseInput): Promise<CaseState> {
  const state = input.carriedState ?? openingState(workflowInfo().workflowId, input, input.openedAt ?? now());
  // The starter (the import) already wrote the opening to the read model and to visibility.
  const openingPublished = !input.carriedState && input.openingPublished === true;
  const visible = workflowInfo().typedSearchAttributes.get(districtCodeKey) !== undefined;

  // ---- message handling ----
  setHandler(M.caseStateQuery, () => state);
  const runEffects = (effects: T.Effect[]): Promise<void> => carryOut(effects, visible);
  onUpdate(M.verifyTargetUpdate, T.validateVerify, T.applyVerify);
  onUpdate(M.recordAnalysisUpdate, T.validateAnalysis, T.applyAnalysis);
  onUpdate(M.recordPlanUpdate, T.validatePlan, T.applyPlan);
  onUpdate(M.giveReliefUpdate, T.validateRelief, T.applyRelief);
  onUpdate(M.assignProblemsUpdate, T.validateAssign, T.applyAssign);
  onUpdate(M.escalateCaseUpdate, T.validateEscalate, T.applyEscalate);
  onUpdate(M.returnToDistrictUpdate, T.validateReturnToDistrict, T.applyReturnToDistrict);
  onUpdate(M.recordFollowUpUpdate, T.validateFollowUp, T.applyFollowUp);
  onUpdate(M.pauseCaseUpdate, T.validatePause, T.applyPause);
  onUpdate(M.resumeCaseUpdate, T.validateResume, T.applyResume);
  onUpdate(M.transferCaseUpdate, T.validateTransfer, T.applyTransfer);
  onUpdate(M.closeCaseUpdate, T.validateClose, T.applyClose);
  onUpdate(M.reopenCaseUpdate, T.validateReopen, T.applyReopen);
  onUpdate(M.migratePolicyUpdate, T.validateMigratePolicy, T.applyMigratePolicy);
  // Corrections: their validators also need the time (the author's window).
  onCorrection(M.amendReliefUpdate, K.validateAmendRelief, K.applyAmendRelief);
  onCorrection(M.voidReliefUpdate, K.validateVoidRelief, K.applyVoidRelief);
  onCorrection(M.amendAnalysisUpdate, K.validateAmendAnalysis, K.applyAmendAnalysis);
  onCorrection(M.amendProblemsUpdate, K.validateAmendProblems, K.applyAmendProblems);
  onCorrection(M.amendPlanUpdate, K.validateAmendPlan, K.applyAmendPlan);
  onCorrection(M.amendMemberUpdate, K.validateAmendMember, K.applyAmendMember);
  onSignal(M.activityCorrectedSignal, (signal) => K.applyActivityCorrected(state, signal));
  onSignal(M.taskEndedSignal, (signal) => T.applyTaskEnded(state, signal));
  onSignal(M.surveyResultSignal, (signal) => T.applySurveyResult(state, signal, now()));
  onSignal(M.householdDataChangedSignal, (signal) => T.applyHouseholdDataChanged(state, signal, now()));

  // The answer is not a command: replay never compares it, so histories that answered the whole
  // state replay unchanged (test/workflows/replay.test.ts), and no patch marker is needed.
  function onUpdate<I>(def: UpdateDefinition<M.CaseAnswer, [I]>, validate: (s: CaseState, i: I) => void, apply: (s: CaseState, i: I, at: string) => T.Effect[]): void {
    setHandler(def, async (i: I) => {
      await runEffects(apply(state, i, now()));
      return { caseId: state.caseId, version: state.version };
    }, { validator: (i: I) => validate(state, i) });
  }
  function onCorrection<I>(def: UpdateDefinition<M.CaseAnswer, [I]>, validate: (s: CaseState, i: I, at: string) => void, apply: (s: CaseState, i: I, at: string) => T.Effect[]): void {
    onUpdate(def, (s, i) => validate(s, i, now()), apply);
  }
  function onSignal<I>(def: SignalDefinition<[I]>, apply: (i: I) => T.Effect[]): void {
    setHandler(def, async (i: I) => runEffects(apply(i)));
  }

  // ---- main logic ----
  let projected = openingPublished ? state.version : -1;
  let searchAttributes = openingPublished ? searchAttributesFingerprint(caseSearchAttributes(state)) : '';
  let meetingScheduleFor: string | null = null;
  const projectVersion = async (project: (s: CaseState) => Promise<void>): Promise<void> => {
    const version = state.version;
    await project(state);
    projected = version;
  };
  const ensureMeetingSchedule = async (): Promise<void> => {
    if (state.stage !== 'districtAssignment' || meetingScheduleFor === state.household.districtCode) return;
    meetingScheduleFor = state.household.districtCode;
    await ensureDistrictMeetingSchedule(state.household.districtCode, state.household.provinceCode, state.policy.districtMeetingCron);
  };
  const publish = async (): Promise<void> => {
    if (visible) searchAttributes = updateSearchAttributes(state, searchAttributes);
    if (projected !== state.version && (input.projectsLocally === true || patched(LOCAL_PROJECTION_PATCH))) {
      // The read model first, in this very task: an action's answer waits for its row, not for the
      // meeting schedule (an ordinary activity, which would end the task before the projection).
      await projectVersion(projectLocallyFirst);
      await ensureMeetingSchedule();
      return;
    }
    await ensureMeetingSchedule();
    if (projected !== state.version) await projectVersion(projectCase);
  };

  // Every wait ends on "a change not yet projected", not on a version seen after the await: a
  // change that lands while publish() is waiting on its activity must wake the loop again.
  const unpublished = (): boolean => state.version !== projected;
  for (;;) {
    await publish();
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > (input.historyLimit ?? Infinity)) {
      await condition(allHandlersFinished);
      await publish();
      return continueAsNew<typeof householdCaseWorkflow>({ ...input, carriedState: state });
    }
    if (state.status === 'closed') {
      const reopened = await condition(unpublished, REOPEN_WINDOW);
      if (!reopened) {
        if (patched(REOPEN_WINDOW_ENDED_PATCH)) recordEvent(state, 'reopenWindowEnded', 'system', now(), { closedAt: state.closure?.at ?? null });
        break;
      }
    } else {
      const deadline = state.status === 'active' ? nextDeadline(state) : null;
      const timeout = deadline ? Math.max(0, Date.parse(deadline.at) - Date.now()) : undefined;
      const changed = await condition(unpublished, timeout);
      if (!changed && deadline) applyDeadline(state, deadline.action);
    }
  }
  await condition(allHandlersFinished);
  await publish();
  return state;
}

/** Carries out what a transition asked for on other workflows (the assistance tasks). */
async function carryOut(effects: T.Effect[], visible: boolean): Promise<void> {
  for (const effect of effects) {
    if (effect.type === 'startTask') {
      // ABANDON: a task outlives this run when the case continues as new; it reports back by signal.
      await startChild(assistanceTaskWorkflow, {
        workflowId: effect.task.taskId,
        args: [effect.task],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        ...(visible ? { typedSearchAttributes: [{ key: districtCodeKey, value: effect.task.districtCode }] } : {}),
      });
      continue;
    }
    const signal = effect.type === 'cancelTasks' ? cancelTaskSignal : effect.type === 'pauseTasks' ? pauseTaskSignal : resumeTaskSignal;
    const payload = { at: now(), by: 'case', reason: effect.type === 'cancelTasks' ? effect.reason : '' };
    await Promise.all(
      effect.taskIds.map((taskId) =>
        getExternalWorkflowHandle(taskId)
          .signal(signal, payload)
          .catch(() => undefined), // the task already ended: nothing to stop
      ),
    );
  }
}

/** Local first; a projection that keeps failing waits as an activity, where supervisors see it (activity-options.ts). */
const projectLocallyFirst = (state: CaseState): Promise<void> => localFirst(state, local.projectCase, projectCase);

function applyDeadline(state: CaseState, action: DeadlineAction): void {
  const owner = STAGE_OWNER[state.stage] === 'district' && state.assignmentLevel === 'province' ? 'province' : STAGE_OWNER[state.stage];
  if (action === 'remind') {
    state.remindedFor = state.dueAt;
    recordEvent(state, 'reminderSent', 'system', now(), { stage: state.stage, to: owner, dueAt: state.dueAt });
    return;
  }
  const from = action === 'overdue' ? owner : levelAbove(owner);
  state.overdueLevel = action === 'overdue' ? 1 : 2;
  refreshEscalated(state);
  recordEvent(state, 'escalated', 'system', now(), {
    stage: state.stage,
    from,
    to: levelAbove(from),
    reason: action === 'overdue' ? 'overdue' : 'stillOverdue',
    dueAt: state.dueAt,
  });
}

/** Keeps the case's search attributes current; upserts only on change (each upsert is a history event). */
function updateSearchAttributes(state: CaseState, previous: string): string {
  const pairs = caseSearchAttributes(state);
  const fingerprint = searchAttributesFingerprint(pairs);
  if (fingerprint !== previous) upsertSearchAttributes(pairs);
  return fingerprint;
}
