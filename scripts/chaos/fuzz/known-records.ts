import { randomInt, randomUUID } from 'node:crypto';
import type { App } from '../../../api/app';
import { createUser } from '../../../api/services/accounts';
import type { Orm } from '../../../db/orm';
import { eventually } from '../../../test/helpers/servers';
import type { KnownIds } from './requests';

/**
 * Real records for the fuzzer to aim at: a case at assistance with its task, and an account the
 * fuzzer may change (never its own, so its session survives the run).
 */
export async function knownRecords(app: App, orm: Orm, sessions: Record<string, { authorization: string }>): Promise<KnownIds> {
  const houseCode = `6401${String(randomInt(10_000_000)).padStart(7, '0')}`;
  const post = async (url: string, payload: object): Promise<Record<string, unknown>> => {
    const response = await app.inject({ method: 'POST', url, headers: sessions.admin, payload });
    if (response.statusCode >= 300) throw new Error(`${url} answered ${response.statusCode}: ${response.body}`);
    return response.json();
  };
  const { caseId } = (await post('/cases', { household: { houseCode, provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', source: 'tpmap', failedIndicators: ['I3'], members: [{ name: 'ทดสอบ' }] } })) as { caseId: string };
  // Scope checks read the read model: wait for the case's first projection.
  await eventually(async () => (await orm.em.fork().execute('select 1 from household_case where id = ?', [caseId]))[0]);
  await post(`/cases/${caseId}/verify`, { outcome: 'confirmed' });
  const analysed = (await post(`/cases/${caseId}/analysis`, {
    attitude: 'a',
    skills: 's',
    resources: 'r',
    wayOut: 'w',
    householdType: 'canDevelop',
    problems: [{ dimension: 'income', indicator: 'I3', description: 'd' }],
  })) as { problems: Array<{ id: string }> };
  await post(`/cases/${caseId}/plan`, { goal: 'sufficient', items: [{ dimension: 'income', problemIndex: 0, action: 'a', supportBy: 'CDD' }] });
  const assigned = (await post(`/cases/${caseId}/assign`, { assignments: [{ problemId: analysed.problems[0].id, agencyCode: 'CDD' }] })) as { tasks: Array<{ taskId: string }> };
  const username = `fuzz-target-${randomUUID().slice(0, 8)}`;
  const user = await createUser(orm.em.fork(), { username, displayName: username, password: `fuzz-${randomUUID()}`, role: 'district', provinceCode: '64', districtCode: '6401' });
  return {
    caseId: [caseId],
    householdId: [houseCode],
    taskId: [assigned.tasks[0].taskId],
    userId: [user.id],
    importId: [`imp-${randomUUID()}`],
    meetingId: ['district-meeting-6401-x'],
    incidentId: ['1'],
  };
}
