import type { Client } from '@temporalio/client';
import type { Orm } from '../../db/orm';
import { caseStateQuery } from '../../workflows/household-case/messages';
import type { CaseState } from '../../workflows/household-case/types';
import { EXPECTED_STAGE, expectedVersion, STEPS, type DrivenCase } from './driver';

export interface CaseCheck {
  checked: number;
  /** Cases not in their expected stage. */
  wrongStage: string[];
  /** A step's event missing (lost) or present more than once (applied twice). */
  lostOrDoubled: string[];
  /** Read model rows that differ from the workflow's state. */
  readModelDrift: string[];
  /** Audit rows missing or written twice for an accepted action. */
  auditDrift: string[];
}

/**
 * Every case against what was asked of it: its stage, each step's event exactly once (the version
 * counts every change, so an extra or missing transition shows there too), the read model equal
 * to the workflow state, and one audit row per action. Waits for the read model to catch up.
 */
export async function verifyCases(client: Client, orm: Orm, cases: DrivenCase[], timeoutMs = 120_000): Promise<CaseCheck> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const check = await checkOnce(client, orm, cases);
    const settled = check.readModelDrift.length === 0 && check.wrongStage.length === 0;
    if (settled || Date.now() > deadline) return check;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function checkOnce(client: Client, orm: Orm, cases: DrivenCase[]): Promise<CaseCheck> {
  const check: CaseCheck = { checked: 0, wrongStage: [], lostOrDoubled: [], readModelDrift: [], auditDrift: [] };
  const em = orm.em.fork();
  const ids = cases.map((c) => c.caseId);
  const rows = await em.execute<Array<{ id: string; stage: string; version: number }>>('select id, stage, version from household_case where id in (?)', [ids]);
  const events = await em.execute<Array<{ case_id: string; n: string }>>('select case_id, count(*) as n from case_event where case_id in (?) group by case_id', [ids]);
  const audits = await em.execute<Array<{ entity_id: string; action: string; n: string }>>("select entity_id, action, count(*) as n from audit_event where entity_id in (?) and action like 'case.%' group by entity_id, action", [ids]);
  const rowOf = new Map(rows.map((r) => [r.id, r]));
  const eventsOf = new Map(events.map((e) => [e.case_id, Number(e.n)]));
  const auditOf = new Map(audits.map((a) => [`${a.entity_id} ${a.action}`, Number(a.n)]));

  for (let i = 0; i < cases.length; i += 25) {
    await Promise.all(
      cases.slice(i, i + 25).map(async (driven) => {
        const state = await client.workflow.getHandle(driven.caseId).query(caseStateQuery);
        check.checked++;
        compare(check, driven, state, rowOf.get(driven.caseId), eventsOf.get(driven.caseId) ?? 0, auditOf);
      }),
    );
  }
  return check;
}

function compare(check: CaseCheck, driven: DrivenCase, state: CaseState, row: { stage: string; version: number } | undefined, eventRows: number, auditOf: Map<string, number>): void {
  const id = driven.caseId;
  if (state.stage !== EXPECTED_STAGE[driven.steps]) check.wrongStage.push(`${id}: ${state.stage}, expected ${EXPECTED_STAGE[driven.steps]}`);
  for (const [n, step] of STEPS.entries()) {
    const times = state.recentEvents.filter((e) => e.type === step.event).length;
    const expected = n < driven.steps ? 1 : 0;
    if (times !== expected) check.lostOrDoubled.push(`${id}: ${step.event} ${times}×, expected ${expected}`);
    if (n < driven.steps && auditOf.get(`${id} case.${step.action}`) !== 1) check.auditDrift.push(`${id}: case.${step.action} audited ${auditOf.get(`${id} case.${step.action}`) ?? 0}×`);
  }
  // Every change counts in the version: anything but the expected count is a transition applied twice or lost.
  if (state.version !== expectedVersion(driven.steps)) check.lostOrDoubled.push(`${id}: version ${state.version}, expected ${expectedVersion(driven.steps)}`);
  if (!row || row.stage !== state.stage || Number(row.version) !== state.version || eventRows !== state.nextEventSeq - 1) {
    check.readModelDrift.push(`${id}: read model ${JSON.stringify({ ...row, events: eventRows })}, workflow ${JSON.stringify({ stage: state.stage, version: state.version, events: state.nextEventSeq - 1 })}`);
  }
}
