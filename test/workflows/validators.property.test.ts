import fc from 'fast-check';
import * as S from '../../domain/contract/case-actions';
import { DecisionsBody } from '../../api/services/meetings';
import { applyEnd, applyLog, openTaskState, validateComplete, validateLog, validateReturn } from '../../workflows/assistance-task/state';
import type { AssistanceTaskInput } from '../../workflows/assistance-task/types';
import type { MeetingState } from '../../workflows/district-meeting/messages';
import { validateDecisions } from '../../workflows/district-meeting/workflow';
import { applyTaskEnded } from '../../workflows/household-case/transitions';
import type { CaseState } from '../../workflows/household-case/types';
import { isCalendarDate } from '../../workflows/rejections';
import { ROLES, type Actor } from '../../workflows/roles';
import { CASE_UPDATES, expectConsistent, expectWellFormedRejection, patchBody, startedTasks, stepsArbitrary, testCase, type Step } from '../helpers/case-model';
import { arbitraryOf } from '../helpers/schema-arbitrary';

const DAY = 86_400_000;
/** The workflow's clock for the task validators. */
const NOW = '2026-02-01T00:00:00.000Z';
const START = Date.parse('2026-01-05T03:00:00.000Z');

/** Runs the steps through validate and apply as the workflow does; answers the case and the tasks it started. */
function run(steps: Step[]): { state: CaseState; tasks: AssistanceTaskInput[]; stages: Set<string> } {
  let clock = START;
  const state = testCase(new Date(clock).toISOString());
  const tasks: AssistanceTaskInput[] = [];
  const stages = new Set<string>([state.stage]);
  for (const step of steps) {
    clock += step.days * DAY;
    const now = new Date(clock).toISOString();
    if (step.kind === 'taskEnded') {
      const open = state.tasks.filter((t) => t.status === 'open');
      if (open.length === 0) continue;
      applyTaskEnded(state, { taskId: open[step.pick % open.length].taskId, status: step.status, at: now, by: 'agency-1' });
      stages.add(state.stage);
      expectConsistent(state);
      continue;
    }
    const { validate, apply } = CASE_UPDATES[step.action];
    const input = { ...patchBody(state, step.body, step.picks), actor: step.actor } as never;
    try {
      validate(state, input, now);
    } catch (error) {
      expectWellFormedRejection(error);
      continue;
    }
    // What the validator let through, apply must take: a throw here would fail the workflow task forever.
    tasks.push(...startedTasks(apply(state, input, now)));
    stages.add(state.stage);
    expectConsistent(state);
  }
  return { state, tasks, stages };
}

describe('the case validators refuse whatever apply cannot take (fast-check)', () => {
  it('random actions with bodies the API accepts: validate rejects with a code and a field, or apply succeeds and the case stays consistent', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(stepsArbitrary(50), (steps) => {
        for (const stage of run(steps).stages) reached.add(stage);
      }),
      { numRuns: 400 },
    );
    // The model must get through the whole lifecycle, or the property says little.
    expect([...reached].sort()).toEqual(['analysis', 'assistance', 'closed', 'districtAssignment', 'followUp', 'verification']);
  });

  it('any JSON at all: whatever a validator lets through, apply takes', () => {
    const actions = Object.keys(CASE_UPDATES) as Array<keyof typeof CASE_UPDATES>;
    fc.assert(
      fc.property(stepsArbitrary(25), fc.constantFrom(...actions), fc.constantFrom(...ROLES), fc.object({ maxDepth: 3 }), (prefix, action, role, garbage) => {
        const { state } = run(prefix);
        const { validate, apply } = CASE_UPDATES[action];
        const input = { ...garbage, actor: { userId: 'x', role } } as never;
        const now = new Date(START + 400 * DAY).toISOString();
        try {
          validate(state, input, now);
        } catch {
          return; // a validator may refuse in any way: the update is rejected and nothing happens
        }
        apply(state, input, now);
        expectConsistent(state);
      }),
      { numRuns: 150 },
    );
  });
});

const TASK: AssistanceTaskInput = {
  taskId: 'household-case-t1-task-3',
  caseId: 'household-case-t1',
  householdId: 't1',
  provinceCode: '64',
  districtCode: '6401',
  subdistrictCode: '640101',
  problem: { id: 'p1', dimension: 'income', indicator: 'I3', description: 'd' },
  agencyCode: 'CDD',
  level: 'district',
  assignedAt: '2026-01-05T03:00:00.000Z',
  assignedBy: 'district-1',
  caseOpenedAt: '2026-01-02T20:00:00.000Z',
  dueAt: '2026-04-05T03:00:00.000Z',
  timers: { reminderDaysBefore: 7, reescalateAfterDays: 30 },
};

describe('the task validators (fast-check)', () => {
  const actor = fc.constantFrom<Actor>({ userId: 'a', role: 'agency', agencyCode: 'CDD' }, { userId: 'b', role: 'agency', agencyCode: 'LAO' }, { userId: 'd', role: 'district' }, { userId: 'm', role: 'mentor' });
  // The API's body, and dates that look right but are not days (2026-02-31): the jam of issue 12.
  // And plausible ones often enough: days around the case's life, and whole satang.
  const near = fc.date({ min: new Date('2025-12-25T00:00:00Z'), max: new Date('2026-02-10T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const satang = fc.integer({ min: 0, max: 1_000_000_000 }).map((n) => n / 100);
  const logBody = fc.oneof(
    arbitraryOf(S.LogActivityBody),
    arbitraryOf(S.LogActivityBody).chain((b) => fc.stringMatching(/^20[0-9]{2}-(0[0-9]|1[0-3])-(29|3[0-2])$/).map((date) => ({ ...(b as object), date }))),
    // ...with the device's time either absent or a real instant (an offline entry's).
    arbitraryOf(S.LogActivityBody).chain((b) =>
      fc.tuple(near, satang, fc.option(near.map((day) => `${day}T03:00:00.000Z`), { nil: undefined })).map(([date, baht, recordedOnDevice]) => ({ ...(b as object), date, baht, recordedOnDevice })),
    ),
  );
  const step = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('log' as const), actor, body: logBody }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('complete' as const), actor, body: arbitraryOf(S.CompleteTaskBody) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('return' as const), actor, body: arbitraryOf(S.ReasonBody) }) },
  );

  it('an accepted logbook entry has a real day from the case’s opening to today in Bangkok, whole satang, and totals stay finite', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(step, { maxLength: 20 }), (steps) => {
        const state = openTaskState(TASK);
        for (const s of steps) {
          const input = { ...(s.body as object), actor: s.actor } as never;
          try {
            if (s.kind === 'log') validateLog(state, input, NOW);
            else if (s.kind === 'complete') validateComplete(state, input);
            else validateReturn(state, input);
          } catch (error) {
            expectWellFormedRejection(error);
            continue;
          }
          if (s.kind === 'log') applyLog(state, input, NOW);
          else applyEnd(state, s.kind === 'complete' ? 'done' : 'returned', s.actor.userId, NOW);
        }
        accepted += state.log.length;
        for (const entry of state.log) {
          expect(isCalendarDate(entry.date)).toBe(true);
          // 2026-01-02T20:00Z is already the 3rd in Bangkok; NOW (2026-02-01T00:00Z) is the 1st there.
          expect(entry.date >= '2026-01-03' && entry.date <= '2026-02-01').toBe(true);
          expect(Math.round(entry.baht * 100) / 100).toBe(entry.baht);
        }
        expect(Number.isFinite(state.totals.baht) && Number.isInteger(state.totals.items)).toBe(true);
      }),
      { numRuns: 150 },
    );
    expect(accepted).toBeGreaterThan(20);
  });
});

describe('the meeting validator (fast-check)', () => {
  const meeting: MeetingState = { meetingId: 'district-meeting-6401', districtCode: '6401', provinceCode: '64', openedAt: '2026-01-01T00:00:00.000Z', status: 'open', agenda: [], results: [] };

  it('rejects with a code and a field, or passes decisions that each name one case once and one kind of decision', () => {
    fc.assert(
      fc.property(fc.oneof(arbitraryOf(DecisionsBody), fc.object({ maxDepth: 3 }).map((o) => ({ decisions: [o] }))), fc.constantFrom(...ROLES), (body, role) => {
        const input = { ...(body as { decisions: never[] }), actor: { userId: 'u', role } };
        try {
          validateDecisions(meeting, input);
        } catch (error) {
          expectWellFormedRejection(error);
          return;
        }
        const ids = input.decisions.map((d: { caseId: string }) => d.caseId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const d of input.decisions as Array<{ assignments?: unknown[]; escalate?: unknown }>) expect(!!d.assignments?.length !== !!d.escalate).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
