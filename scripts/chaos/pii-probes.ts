import type { App } from '../../api/app';
import type { Orm } from '../../db/orm';
import type { Sessions } from './driver';
import type { TestHousehold } from './households';

/**
 * Requests whose error answers would be the natural place to echo personal data: a member
 * already in the program, a national-ID search without a purpose. Answers their bodies (for
 * the scan), after one legitimate national-ID search, whose audit row must hold the ID masked.
 */
export async function personalDataProbes(app: App, sessions: Sessions, households: TestHousehold[]): Promise<string[]> {
  const [first, second] = households;
  const duplicateMember = { ...second, houseCode: `${second.houseCode.slice(0, -1)}${(Number(second.houseCode.slice(-1)) + 5) % 10}`, members: first.members };
  const requests = [
    { url: '/cases', headers: sessions.operationsTeam, payload: { household: duplicateMember } },
    { url: '/households/search-by-national-id', headers: sessions.district, payload: { nationalId: first.members[0].nationalId, purpose: 'x' } },
    { url: '/households/search-by-national-id', headers: sessions.district, payload: { nationalId: first.members[0].nationalId, purpose: 'ตรวจสอบสิทธิ์สวัสดิการของครัวเรือน' } },
  ];
  const bodies: string[] = [];
  for (const request of requests) {
    const response = await app.inject({ method: 'POST', ...request });
    if (response.statusCode >= 400) bodies.push(response.body);
  }
  return bodies;
}

/** The audit trail's recorded changes, as text: it is read by more people than the case itself. */
export async function auditText(orm: Orm): Promise<string> {
  const rows = await orm.em.fork().execute<Array<{ changes: string | null }>>('select changes::text as changes from audit_event');
  return rows.map((row) => row.changes ?? '').join('\n');
}
