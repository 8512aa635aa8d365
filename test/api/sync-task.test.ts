import { randomUUID } from 'node:crypto';
import type { CaseView } from '../../api/views/case-view';
import type { TaskView } from '../../api/views/task-view';
import type { ConflictView } from '../../domain/contract/sync';
import { bangkokDay } from '../../workflows/plausibility';
import { useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';
import { assigned, atStage, completed, openCase } from '../helpers/field-cases';

/**
 * An agency's logbook activity and a follow-up visit recorded offline, through POST /sync/actions:
 * they keep the phone's time beside the server's time of receipt, apply once, and an activity on a
 * task that ended meanwhile becomes a conflict its agency decides. Tak (63), subdistrict 630103.
 */
jest.setTimeout(120_000);

const AREA = { provinceCode: '63', districtCode: '6301', subdistrictCode: '630103' };

describe('offline sync of agency activities and follow-up visits', () => {
  const api = useApi();
  type Session = Awaited<ReturnType<typeof signedIn>>;
  const as: Record<string, Session> = {};

  beforeAll(async () => {
    for (const role of ['operationsTeam', 'mentor'] as const) as[role] = await signedIn(api.orm(), role, AREA);
    as.district = await signedIn(api.orm(), 'district', { provinceCode: '63', districtCode: '6301' });
    as.cdd = await signedIn(api.orm(), 'agency', { provinceCode: '63', agencyCode: 'CDD' });
    as.lao = await signedIn(api.orm(), 'agency', { provinceCode: '63', agencyCode: 'LAO' });
  });

  const sync = (who: string, body: object, key = `sync-${randomUUID()}`) =>
    api.app().inject({ method: 'POST', url: '/sync/actions', headers: { ...as[who].headers, 'idempotency-key': key }, payload: body });
  const get = async <T>(who: string, url: string) => (await api.app().inject({ method: 'GET', url, headers: as[who].headers })).json<T>();
  const activity = (kind: string) => ({ date: bangkokDay(Date.now()), kind, description: `${kind} ที่บ้าน`, baht: 200, items: 1 });
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

  it('applies an activity recorded offline once, keeping the device time and the time of receipt', async () => {
    const { caseId } = await openCase(api, as.operationsTeam, AREA, 'คำแก้ว ดอยมูเซอ');
    const taskId = await assigned(api, { mentor: as.mentor, district: as.district }, caseId, 'CDD');
    const task = await get<TaskView>('cdd', `/tasks/${taskId}`);
    const recordedAt = hoursAgo(3);
    const key = `sync-${randomUUID()}`;
    const body = { taskId, action: 'activity', baseVersion: task.version, fields: activity('เยี่ยมบ้าน'), recordedAt };
    const first = await sync('cdd', body, key);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ outcome: 'applied', taskId, caseId, task: { totals: { activities: 1 } } });
    const again = await sync('cdd', body, key);
    expect(again.headers['idempotent-replayed']).toBe('true');

    const after = await get<TaskView>('cdd', `/tasks/${taskId}`);
    expect(after.log).toHaveLength(1);
    expect(after.log[0].recordedOnDevice).toBe(recordedAt);
    expect(after.log[0].recordedAt > recordedAt).toBe(true);
    const audited = await api.orm().em.fork().execute<Array<{ changes: { sync?: { recordedAt: string } } }>>(`select changes from audit_event where entity_id = ? and action = 'task.activities'`, [taskId]);
    expect(audited.map((a) => a.changes.sync?.recordedAt)).toEqual([recordedAt]);

    // Another agency's officer, and a mentor, may not log it.
    expect((await sync('lao', { ...body, fields: activity('อื่น') })).statusCode).toBe(404);
    expect((await sync('mentor', { ...body, fields: activity('อื่น') })).statusCode).toBe(403);
    // A body that is not an activity names the field.
    const bad = await sync('cdd', { ...body, fields: { kind: 'ไม่มีวันที่' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION', field: expect.stringMatching(/^body\.fields/) });
  });

  it('queues an activity for a task that ended meanwhile as a conflict for its agency, and keeps a follow-up visit at the device time', async () => {
    const { caseId } = await openCase(api, as.operationsTeam, AREA, 'บัวผัน ริมเมย');
    const taskId = await assigned(api, { mentor: as.mentor, district: as.district }, caseId, 'CDD');
    const seen = await get<TaskView>('cdd', `/tasks/${taskId}`);
    // Another officer of the agency completes the task while this phone is without signal.
    await completed(api, as.cdd, taskId);
    const late = await sync('cdd', { taskId, action: 'activity', baseVersion: seen.version, fields: activity('มอบพันธุ์ผัก'), recordedAt: hoursAgo(1) });
    expect(late.statusCode).toBe(200);
    const { conflict } = late.json<{ conflict: ConflictView }>();
    expect(conflict).toMatchObject({ reason: 'TASK_ENDED', action: 'activity', taskId, caseId, headName: 'บัวผัน ริมเมย', theirs: { status: 'done', note: 'เสร็จ' }, theirsBy: as.cdd.userId });

    // The agency sees it; another agency and the mentor of the area do not.
    expect((await get<{ items: ConflictView[] }>('cdd', '/conflicts')).items.map((c) => c.id)).toContain(conflict.id);
    for (const who of ['lao', 'mentor']) expect((await get<{ items: ConflictView[] }>(who, '/conflicts')).items.map((c) => c.id)).not.toContain(conflict.id);
    const decided = await api.app().inject({ method: 'POST', url: `/conflicts/${conflict.id}/resolve`, headers: as.cdd.headers, payload: { choice: 'theirs' } });
    expect(decided.statusCode).toBe(200);
    const resolveAudit = await api.orm().em.fork().execute<Array<{ changes: { mine: { kind: string }; theirs: { status: string } } }>>(`select changes from audit_event where entity_id = ? and action = 'conflict.resolve'`, [taskId]);
    expect(resolveAudit.map((a) => [a.changes.mine.kind, a.changes.theirs.status])).toEqual([['มอบพันธุ์ผัก', 'done']]);

    // The case is at follow-up: a visit recorded offline two hours ago keeps that time.
    await atStage(api, caseId, 'followUp');
    const view = await get<CaseView>('mentor', `/cases/${caseId}`);
    const recordedAt = hoursAgo(2);
    const visit = await sync('mentor', { caseId, action: 'follow-up', baseVersion: view.version, fields: { results: [{ problemId: view.problems[0].id, outcome: 'solved' }] }, recordedAt });
    expect(visit.json()).toMatchObject({ outcome: 'applied' });
    const done = visit.json<{ case: CaseView }>().case.followUp?.visits.find((v) => v.doneAt !== null);
    expect(done?.doneAt).toBe(recordedAt);
    expect(done?.receivedAt && done.receivedAt > recordedAt).toBe(true);
  });
});
