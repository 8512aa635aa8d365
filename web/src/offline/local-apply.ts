import type { SyncAction } from '../../../domain/contract/sync';
import type { CaseAction, CaseView, Task } from '../types';

/**
 * How the phone shows a field action recorded offline until the server has it: the case as the
 * action will leave it, so the visit can go on (verification, then the analysis, then the plan).
 * The version stays the server's last: every action of the visit is based on what the server said.
 * Problems recorded offline get a local ID; the plan refers to them by position when it is sent.
 */
export const LOCAL_PROBLEM = 'local:';

type Fields = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const without = (actions: CaseAction[], ...drop: CaseAction[]): CaseAction[] => actions.filter((a) => !drop.includes(a));

export function applyLocally(view: CaseView, action: SyncAction, fields: Fields, by: string, at: string): CaseView {
  const next: CaseView = structuredClone(view);
  if (action === 'verify') {
    const outcome = str(fields.outcome) as NonNullable<CaseView['verification']>['outcome'];
    next.verification = { outcome, at, by };
    if (outcome === 'confirmed') {
      next.stage = 'analysis';
      next.allowedActions = [...without(next.allowedActions, 'verifyTarget'), 'recordAnalysis', 'giveRelief'];
    } else next.allowedActions = without(next.allowedActions, 'verifyTarget');
  } else if (action === 'analysis') {
    const problems = Array.isArray(fields.problems) ? (fields.problems as Fields[]) : [];
    next.analysis = { attitude: str(fields.attitude), skills: str(fields.skills), resources: str(fields.resources), wayOut: str(fields.wayOut), householdType: str(fields.householdType) as NonNullable<CaseView['analysis']>['householdType'], recordedAt: at, by };
    next.problems = problems.map((p, i) => ({ id: `${LOCAL_PROBLEM}${i}`, dimension: str(p.dimension) as CaseView['problems'][number]['dimension'], indicator: str(p.indicator), description: str(p.description), status: 'open', lastOutcome: null, taskId: null }));
    if (!next.allowedActions.includes('recordPlan')) next.allowedActions = [...next.allowedActions, 'recordPlan'];
  } else if (action === 'plan') {
    next.stage = 'districtAssignment';
    next.allowedActions = without(next.allowedActions, 'recordAnalysis', 'recordPlan');
  } else if (action === 'follow-up') {
    const visit = next.followUp?.visits.find((v) => v.doneAt === null);
    if (visit) visit.doneAt = at;
    next.allowedActions = without(next.allowedActions, 'recordFollowUp');
  } else if (action === 'relief') {
    next.reliefs = [...next.reliefs, { at, kind: str(fields.kind), description: str(fields.description), baht: Number(fields.baht), items: Number(fields.items), by }];
  }
  return next;
}

/**
 * An activity recorded offline in the task's logbook, until the server has it: a negative `seq`
 * marks it as the phone's own (the server numbers entries from 1), so it is shown as waiting and
 * offers no corrections. Its date is the one the officer chose; its time is the phone's.
 */
export function activityLocally(task: Task, fields: Fields, by: string, at: string): Task {
  const next: Task = structuredClone(task);
  const baht = Number(fields.baht);
  const items = Number(fields.items);
  const seq = -1 - next.log.filter((e) => e.seq < 0).length;
  next.log = [...next.log, { seq, date: str(fields.date), kind: str(fields.kind), description: str(fields.description), baht, items, by, recordedAt: at, recordedOnDevice: at }];
  next.totals = { baht: next.totals.baht + baht, items: next.totals.items + items, activities: next.totals.activities + 1 };
  return next;
}

export const isWaitingEntry = (entry: { seq: number }): boolean => entry.seq < 0;

/** A plan item naming a problem recorded offline names it by its position instead (the server's `problemIndex`). */
export function forServer(action: SyncAction, fields: Fields): Fields {
  if (action !== 'plan' || !Array.isArray(fields.items)) return fields;
  const items = (fields.items as Fields[]).map((item) => {
    const id = str(item.problemId);
    if (!id.startsWith(LOCAL_PROBLEM)) return item;
    const { problemId: _local, ...rest } = item;
    return { ...rest, problemIndex: Number(id.slice(LOCAL_PROBLEM.length)) };
  });
  return { ...fields, items };
}
