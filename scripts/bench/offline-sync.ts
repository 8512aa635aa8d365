import { randomUUID } from 'node:crypto';
import { signedIn } from '../../test/helpers/auth';
import { call } from './api-client';
import type { BenchStack } from './stack';
import { round } from './stats';

/**
 * A phone that comes back online with a full outbox: `actions` field actions over `households`
 * households, sent one after another through POST /sync/actions as the web UI's outbox does.
 * Per household: a verification, two reliefs and an analysis, all based on the version the phone
 * saw. On one household in five another official recorded the analysis first, so that analysis
 * must become a conflict. Every action must end applied or queued as a conflict: 0 lost, 0
 * duplicated (counted in the timeline and the conflict table, and by resending the whole outbox).
 */
export interface OfflineSyncResult {
  households: number;
  actions: number;
  seconds: number;
  actionsPerSecond: number;
  applied: number;
  conflicts: number;
  conflictsExpected: number;
  lost: number;
  duplicated: number;
}

const AREA = { provinceCode: '67', districtCode: '6701', subdistrictCode: '670101' };

export async function measureOfflineSync(stack: BenchStack, options: { households: number; tag: string }): Promise<OfflineSyncResult> {
  const mentor = await signedIn(stack.orm, 'mentor', AREA, 24 * 3_600_000);
  const team = await signedIn(stack.orm, 'operationsTeam', AREA, 24 * 3_600_000);
  const analysis = (attitude: string) => ({ attitude, skills: 'จักสาน', resources: 'ไม้ไผ่', wayOut: 'ขายของ', householdType: 'canDevelop', problems: [{ dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำ' }] });
  const cases: Array<{ caseId: string; version: number }> = [];
  for (let i = 0; i < options.households; i++) {
    const houseCode = `6701${options.tag}${String(i).padStart(4, '0')}`.slice(0, 11).padEnd(11, '0');
    const opened = await call<{ caseId: string }>(stack, 'POST', '/cases', team.headers, { household: { houseCode, ...AREA, source: 'tpmap', headName: `ครัวเรือน ${i}`, members: [{ name: `สมาชิก ${i}` }], failedIndicators: ['I3'] } }, 201);
    // What the phone showed: the case as it was when the caseload was loaded.
    cases.push(await call<{ caseId: string; version: number }>(stack, 'GET', `/cases/${opened.caseId}`, mentor.headers));
  }
  // The phone's view: every case verified by the team before the mentor went out of signal.
  const outbox: Array<{ key: string; body: object }> = [];
  let conflictsExpected = 0;
  for (const [i, c] of cases.entries()) {
    const at = new Date().toISOString();
    const push = (action: string, fields: object) => outbox.push({ key: `bench-${randomUUID()}`, body: { caseId: c.caseId, action, baseVersion: c.version, fields, recordedAt: at } });
    push('verify', { outcome: 'confirmed' });
    push('relief', { kind: 'food', description: 'ข้าวสาร', baht: 300, items: 1 });
    push('relief', { kind: 'blanket', description: 'ผ้าห่ม', baht: 200, items: 1 });
    push('analysis', analysis('จากเครื่อง'));
    if (i % 5 === 0) conflictsExpected++;
  }
  // Meanwhile, in the office: the team verifies one household in five and records its analysis.
  for (const [i, c] of cases.entries()) {
    if (i % 5 !== 0) continue;
    await call(stack, 'POST', `/cases/${c.caseId}/verify`, team.headers, { outcome: 'confirmed' });
    await call(stack, 'POST', `/cases/${c.caseId}/analysis`, team.headers, analysis('จากสำนักงาน'));
  }
  const t0 = performance.now();
  let applied = 0;
  let conflicts = 0;
  for (const action of outbox) {
    const answer = await call<{ outcome: string }>(stack, 'POST', '/sync/actions', { ...mentor.headers, 'idempotency-key': action.key }, action.body);
    if (answer.outcome === 'conflict') conflicts++;
    else applied++;
  }
  const seconds = (performance.now() - t0) / 1000;
  // A second pass of the whole outbox (a phone that never heard the answers) must change nothing.
  for (const action of outbox) await call(stack, 'POST', '/sync/actions', { ...mentor.headers, 'idempotency-key': action.key }, action.body);
  const ids = JSON.stringify(cases.map((c) => c.caseId));
  const [counted] = await stack.orm.em.fork().execute<Array<{ reliefs: string; verified: string; analyses: string; conflicts: string }>>(
    `select (select count(*) from case_event where case_id in (select jsonb_array_elements_text(?::jsonb)) and type = 'reliefGiven' and actor = ?) as reliefs,
            (select count(*) from case_event where case_id in (select jsonb_array_elements_text(?::jsonb)) and type = 'verified' and actor = ?) as verified,
            (select count(*) from case_event where case_id in (select jsonb_array_elements_text(?::jsonb)) and type = 'analysisRecorded' and actor = ?) as analyses,
            (select count(*) from sync_conflict where submitted_by = ?) as conflicts`,
    [ids, mentor.userId, ids, mentor.userId, ids, mentor.userId, mentor.userId],
  );
  // The mentor's verification of a household the team verified first is a conflict too (same field).
  const landed = Number(counted.reliefs) + Number(counted.verified) + Number(counted.analyses) + Number(counted.conflicts);
  return {
    households: options.households,
    actions: outbox.length,
    seconds: round(seconds),
    actionsPerSecond: round(outbox.length / seconds),
    applied,
    conflicts,
    conflictsExpected: conflictsExpected * 2,
    lost: Math.max(0, outbox.length - landed),
    duplicated: Math.max(0, landed - outbox.length),
  };
}
