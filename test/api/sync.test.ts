import { randomUUID } from 'node:crypto';
import type { CaseView } from '../../api/views/case-view';
import type { ConflictView } from '../../domain/contract/sync';
import { freshNationalId, houseCodeIn, useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';
import { eventually } from '../helpers/servers';

/** Offline field actions arriving late through POST /sync/actions, and the conflict queue they may fill. */
describe('offline sync and conflicts', () => {
  const api = useApi();
  type Session = Awaited<ReturnType<typeof signedIn>>;
  const as: Record<string, Session> = {};

  beforeAll(async () => {
    for (const role of ['operationsTeam', 'mentor', 'district'] as const) as[role] = await signedIn(api.orm(), role);
    as.otherMentor = await signedIn(api.orm(), 'mentor', { provinceCode: '64', districtCode: '6401', subdistrictCode: '640102' });
    as.farMentor = await signedIn(api.orm(), 'mentor', { provinceCode: '64', districtCode: '6401', subdistrictCode: '640103' });
  });

  const post = (who: string, url: string, payload: object, key?: string) =>
    api.app().inject({ method: 'POST', url, headers: { ...as[who].headers, ...(key ? { 'idempotency-key': key } : {}) }, payload });
  const get = async <T>(who: string, url: string) => (await api.app().inject({ method: 'GET', url, headers: as[who].headers })).json<T>();

  async function opened(): Promise<CaseView> {
    const response = await post('operationsTeam', '/cases', {
      household: { houseCode: houseCodeIn('6401'), provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', source: 'tpmap', headName: 'สมศรี ดีใจ', members: [{ name: 'สมศรี', nationalId: freshNationalId() }], failedIndicators: ['I3'] },
    });
    expect(response.statusCode).toBe(201);
    const { caseId } = response.json<{ caseId: string }>();
    await eventually(async () => (await api.orm().em.fork().execute('select 1 from household_case where id = ?', [caseId]))[0]);
    return get<CaseView>('mentor', `/cases/${caseId}`);
  }

  const analysis = (attitude: string) => ({
    attitude,
    skills: 'จักสาน',
    resources: 'ไม้ไผ่',
    wayOut: 'ขายเครื่องจักสาน',
    householdType: 'canDevelop',
    problems: [{ dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำ' }],
  });
  const sync = (who: string, caseId: string, action: string, baseVersion: number, fields: object, key = `sync-${randomUUID()}`) =>
    post(who, '/sync/actions', { caseId, action, baseVersion, fields, recordedAt: '2026-12-01T03:00:00.000Z' }, key);
  const timeline = async (caseId: string, type: string) =>
    (await api.orm().em.fork().execute<Array<{ seq: number }>>('select seq from case_event where case_id = ? and type = ?', [caseId, type])).length;

  it('applies an action whose base is current, once however often it is retried', async () => {
    const view = await opened();
    const key = `sync-${randomUUID()}`;
    const first = await sync('mentor', view.caseId, 'verify', view.version, { outcome: 'confirmed' }, key);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ outcome: 'applied', case: { stage: 'analysis', verification: { outcome: 'confirmed' } } });
    const again = await sync('mentor', view.caseId, 'verify', view.version, { outcome: 'confirmed' }, key);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await timeline(view.caseId, 'verified')).toBe(1);
    const audited = await api.orm().em.fork().execute<Array<{ changes: { sync?: { recordedAt: string } } }>>(`select changes from audit_event where entity_id = ? and action = 'case.verify'`, [view.caseId]);
    expect(audited).toHaveLength(1);
    expect(audited[0].changes.sync?.recordedAt).toBe('2026-12-01T03:00:00.000Z');
  });

  it('merges a change to another field, and queues a change to the same field as a conflict for a person', async () => {
    const view = await opened();
    const verified = (await sync('operationsTeam', view.caseId, 'verify', view.version, { outcome: 'confirmed' })).json<{ case: CaseView }>().case;
    // Both devices saw the verified case; the operations team gives relief, then records the analysis first.
    const relief = await sync('operationsTeam', verified.caseId, 'relief', verified.version, { kind: 'food', description: 'ข้าวสาร', baht: 300, items: 1 });
    expect(relief.json()).toMatchObject({ outcome: 'applied' });
    expect((await sync('operationsTeam', verified.caseId, 'analysis', verified.version, analysis('ของทีม'))).json()).toMatchObject({ outcome: 'applied' });
    // The mentor's relief merges; the mentor's analysis clashes with the team's.
    expect((await sync('mentor', verified.caseId, 'relief', verified.version, { kind: 'cash', description: 'เงินช่วยเหลือ', baht: 500, items: 1 })).json()).toMatchObject({ outcome: 'merged' });
    const key = `sync-${randomUUID()}`;
    const clash = await sync('mentor', verified.caseId, 'analysis', verified.version, analysis('ของพี่เลี้ยง'), key);
    expect(clash.statusCode).toBe(200);
    const { conflict } = clash.json<{ conflict: ConflictView }>();
    expect(conflict).toMatchObject({ reason: 'FIELD_CHANGED', field: 'analysis', mine: { attitude: 'ของพี่เลี้ยง' }, theirs: { attitude: 'ของทีม' }, theirsBy: as.operationsTeam.userId, headName: 'สมศรี ดีใจ' });
    // A retry of the same action records nothing new.
    await sync('mentor', verified.caseId, 'analysis', verified.version, analysis('ของพี่เลี้ยง'), key);
    const stored = await api.orm().em.fork().execute('select id from sync_conflict where case_id = ?', [verified.caseId]);
    expect(stored).toHaveLength(1);

    const queue = await get<{ items: ConflictView[] }>('mentor', '/conflicts');
    expect(queue.items.map((c) => c.id)).toContain(conflict.id);
    expect((await get<{ items: ConflictView[] }>('farMentor', '/conflicts')).items.map((c) => c.id)).not.toContain(conflict.id);

    expect((await post('mentor', `/conflicts/${conflict.id}/resolve`, { choice: 'edited' })).json()).toMatchObject({ statusCode: 422, field: 'body.value', code: 'VALUE_REQUIRED' });
    const resolved = await post('mentor', `/conflicts/${conflict.id}/resolve`, { choice: 'edited', value: analysis('ร่วมกัน') });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ conflict: { status: 'resolved' }, case: { analysis: { attitude: 'ร่วมกัน' } } });
    expect((await post('mentor', `/conflicts/${conflict.id}/resolve`, { choice: 'theirs' })).json()).toMatchObject({ statusCode: 409, code: 'CONFLICT_RESOLVED' });
    const audit = await api.orm().em.fork().execute<Array<{ changes: { mine: { attitude: string }; theirs: { attitude: string }; applied: { attitude: string } } }>>(
      `select changes from audit_event where entity_id = ? and action = 'conflict.resolve'`,
      [verified.caseId],
    );
    expect(audit.map((a) => [a.changes.mine.attitude, a.changes.theirs.attitude, a.changes.applied.attitude])).toEqual([['ของพี่เลี้ยง', 'ของทีม', 'ร่วมกัน']]);
    const reliefs = (await get<CaseView>('mentor', `/cases/${verified.caseId}`)).reliefs;
    expect(reliefs.map((r) => r.kind).sort()).toEqual(['cash', 'food']);
  });

  it('queues an action the stage no longer allows, with the stage as it is now', async () => {
    const view = await opened();
    const paused = await post('district', `/cases/${view.caseId}/pause`, { reason: 'householdAway' });
    expect(paused.statusCode).toBe(200);
    const late = await sync('mentor', view.caseId, 'verify', view.version, { outcome: 'confirmed' });
    expect(late.statusCode).toBe(200);
    expect(late.json()).toMatchObject({ outcome: 'conflict', conflict: { reason: 'STAGE_MOVED', theirs: { status: 'paused' } } });
  });

  it('turns an action on a case transferred away meanwhile into a conflict the new owner sees, not a 404 or 500', async () => {
    const view = await opened();
    const moved = await post('district', `/cases/${view.caseId}/transfer`, { to: { provinceCode: '64', districtCode: '6401', subdistrictCode: '640102' } });
    expect(moved.statusCode).toBe(200);
    const late = await sync('mentor', view.caseId, 'verify', view.version, { outcome: 'confirmed' });
    expect(late.statusCode).toBe(200);
    const { conflict } = late.json<{ conflict: ConflictView }>();
    expect(conflict).toMatchObject({ reason: 'CASE_TRANSFERRED', submittedBy: as.mentor.userId, mine: { outcome: 'confirmed' } });
    expect((await get<{ items: ConflictView[] }>('otherMentor', '/conflicts')).items.map((c) => c.id)).toContain(conflict.id);
    expect((await get<{ items: ConflictView[] }>('mentor', '/conflicts')).items.map((c) => c.id)).toContain(conflict.id);
    // Someone who never held the case learns nothing by guessing its ID.
    expect((await sync('farMentor', view.caseId, 'verify', view.version, { outcome: 'confirmed' })).statusCode).toBe(404);
    // The new owner applies the mentor's verification as their own decision.
    const applied = await post('otherMentor', `/conflicts/${conflict.id}/resolve`, { choice: 'mine' });
    expect(applied.json()).toMatchObject({ case: { verification: { outcome: 'confirmed', by: as.otherMentor.userId } } });
  });

  it('refuses a malformed action with the field it concerns, and one without its key', async () => {
    const view = await opened();
    const bad = await sync('mentor', view.caseId, 'verify', view.version, { outcome: 'perhaps' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION', field: 'body.fields.outcome' });
    const keyless = await api.app().inject({ method: 'POST', url: '/sync/actions', headers: as.mentor.headers, payload: { caseId: view.caseId, action: 'verify', baseVersion: view.version, fields: { outcome: 'confirmed' }, recordedAt: '2026-12-01T03:00:00.000Z' } });
    expect(keyless.statusCode).toBe(400);
    expect(keyless.json()).toMatchObject({ field: 'headers.idempotency-key' });
  });
});
