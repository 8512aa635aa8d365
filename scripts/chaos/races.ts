import type { Client } from '@temporalio/client';
import type { App } from '../../api/app';
import type { Orm } from '../../db/orm';
import { STEPS, type DrivenCase, type Sessions } from './driver';
import type { TestHousehold } from './households';
import { verifyCases, type CaseCheck } from './verify';

/**
 * Double taps and flaky networks, many at once: every household is opened by several concurrent
 * requests (some replaying one Idempotency-Key, on two API replicas, some with fresh keys and the
 * same members), then every step is sent several times at once, replayed keys and fresh keys
 * mixed. Afterwards nothing may be duplicated (households, members, tasks), every replay must
 * have answered what the first answered, and the read model must equal the workflow state.
 */
export interface RaceOptions {
  replicas: App[];
  client: Client;
  orm: Orm;
  sessions: Sessions;
  households: TestHousehold[];
  /** Requests sent at once for each open and each step. */
  fanOut: number;
}

export interface RaceResult {
  cases: number;
  requests: number;
  byStatus: Record<string, number>;
  /** Concurrent requests that tried to open a household already opened (or being opened). */
  duplicateAttempts: number;
  /** Requests that replayed a key already sent. */
  replayedKeys: number;
  /** A replayed key answered differently from the first answer it replays. */
  replayMismatches: string[];
  /** Households, members or open tasks that exist more than once. */
  duplicates: string[];
  check: CaseCheck;
  seconds: number;
}

type Answer = { status: number; body: string; key: string };

export async function runRaces(options: RaceOptions): Promise<RaceResult> {
  const started = Date.now();
  const { replicas, sessions, households, fanOut } = options;
  const result: RaceResult = { cases: 0, requests: 0, byStatus: {}, duplicateAttempts: 0, replayedKeys: 0, replayMismatches: [], duplicates: [], check: emptyCheck(), seconds: 0 };
  const run = `race-${Date.now()}`;

  const send = async (n: number, url: string, headers: Record<string, string>, payload: object, key: string): Promise<Answer> => {
    const response = await replicas[n % replicas.length].inject({ method: 'POST', url, headers: { ...headers, 'idempotency-key': key }, payload });
    result.requests++;
    result.byStatus[response.statusCode] = (result.byStatus[response.statusCode] ?? 0) + 1;
    return { status: response.statusCode, body: response.body, key };
  };
  /**
   * `fanOut` requests at once: even ones replay one key, odd ones carry keys of their own (a second
   * submission, which the case's state must refuse), unless the action may rightly be taken twice.
   */
  const burst = async (url: string, headers: Record<string, string>, payload: object, tag: string, repeatable = false): Promise<Answer[]> => {
    const keyOf = (n: number): string => (n % 2 === 0 || repeatable ? `${tag}-shared` : `${tag}-${n}`);
    const answers = await Promise.all(Array.from({ length: fanOut }, (_, n) => send(n, url, headers, payload, keyOf(n))));
    const shared = answers.filter((a) => a.key === `${tag}-shared`);
    result.replayedKeys += shared.length - 1;
    for (const replay of shared.slice(1)) {
      if (replay.status !== shared[0].status || replay.body !== shared[0].body) result.replayMismatches.push(`${url} ${tag}: ${shared[0].status} then ${replay.status}`);
    }
    return answers;
  };

  const driven: DrivenCase[] = [];
  await Promise.all(
    households.map(async (household, index) => {
      const opened = await burst('/cases', sessions.operationsTeam, { household }, `${run}-open-${index}`);
      result.duplicateAttempts += fanOut - 1;
      const winner = opened.find((a) => a.status === 201);
      if (!winner) throw new Error(`household ${index} was not opened: ${opened.map((a) => `${a.status} ${a.body}`).join('; ')}`);
      const caseId = (JSON.parse(winner.body) as { caseId: string }).caseId;
      const steps = index % (STEPS.length + 1);
      driven.push({ caseId, household, steps });
      let view: { problems?: Array<{ id: string }> } = {};
      for (const step of STEPS.slice(0, steps)) {
        // A second analysis before the plan replaces the first: only replays of one key are sent.
        const answers = await burst(`/cases/${caseId}/${step.action}`, sessions[step.role], step.body(view), `${run}-${step.action}-${index}`, step.action === 'analysis');
        const ok = answers.find((a) => a.status === 200);
        if (!ok) throw new Error(`${step.action} on ${caseId}: ${answers.map((a) => a.status).join(', ')}`);
        view = JSON.parse(ok.body) as typeof view;
      }
    }),
  );
  result.cases = driven.length;
  result.duplicates = await findDuplicates(options.orm, driven.map((c) => c.caseId));
  result.check = await verifyCases(options.client, options.orm, driven);
  result.seconds = Math.round((Date.now() - started) / 1000);
  return result;
}

/** Anything held twice: a national ID in two households, a house code twice, a problem with two open tasks. */
async function findDuplicates(orm: Orm, caseIds: string[]): Promise<string[]> {
  const em = orm.em.fork();
  const ids = JSON.stringify(caseIds);
  const rows = await em.execute<Array<{ what: string }>>(
    `with ours as (select household_id from household_case where id in (select jsonb_array_elements_text(?::jsonb)))
     select 'national ID ' || national_id || ' in ' || count(distinct household_id) || ' households' as what
       from household_member where national_id in (select national_id from household_member where household_id in (select household_id from ours))
      group by national_id having count(distinct household_id) > 1
     union all
     select 'house code ' || house_code || ' ' || count(*) || ' times' from household
      where house_code in (select house_code from household where id in (select household_id from ours)) group by house_code having count(*) > 1
     union all
     select 'problem ' || case_id || '/' || problem_id || ' with ' || count(*) || ' open tasks' from assistance_task
      where case_id in (select jsonb_array_elements_text(?::jsonb)) and status = 'open' group by case_id, problem_id having count(*) > 1`,
    [ids, ids],
  );
  return rows.map((row) => row.what);
}

function emptyCheck(): CaseCheck {
  return { checked: 0, wrongStage: [], lostOrDoubled: [], readModelDrift: [], auditDrift: [] };
}
