import { randomUUID } from 'node:crypto';
import { Context, type Info } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { buildApp, type App } from '../../api/app';
import { workflowProblems, type IncidentView, type RetryResult, type WorkflowProblems } from '../../api/services/incidents';
import type { PageOf } from '../../api/services/lists';
import type { CaseListItem } from '../../api/services/supervisor';
import type { CaseView } from '../../api/views/case-view';
import { activePolicy } from '../../db/policies';
import type { Orm } from '../../db/orm';
import { IncidentInterceptor, incidentId } from '../../worker/incident-interceptor';
import * as M from '../../workflows/household-case/messages';
import type { Household } from '../../workflows/household-case/types';
import { signedIn } from '../helpers/auth';
import { eventually, openTestOrm, startTestWorker, testClient, testConfig, testLogger } from '../helpers/servers';
import { newCaseId } from '../../domain/ids';

type Headers = { authorization: string };
type Stuck = PageOf<CaseListItem> & { incidents: PageOf<IncidentView>; workflowProblems: WorkflowProblems };

/**
 * The supervisor's lists and actions on the real stack, and engine incidents: the interceptor
 * against the real database, and end to end with a worker whose projection keeps failing.
 */
describe('supervisor: overdue, escalated and stuck cases, reassignment, engine incidents', () => {
  const config = testConfig();
  const temporal = testClient(config);
  let orm: Orm;
  let app: App;
  let worker: { stop(): Promise<void> };
  // Sukhothai's Si Samrong district (6406): this file's own.
  const district = '6406';
  const as = {} as Record<'supervisor' | 'district' | 'otherDistrict' | 'province' | 'mentor' | 'otherProvinceSupervisor', Headers>;

  const sql = <T>(query: string, params: unknown[] = []) => orm.em.fork().getConnection().execute<T[]>(query, params);
  const houseCode = () => `${district}${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const get = async <T>(url: string, headers: Headers) => {
    const response = await app.inject({ method: 'GET', url, headers });
    return { status: response.statusCode, body: response.json<T>() };
  };
  const post = async <T>(url: string, headers: Headers, payload?: unknown, extra: Record<string, string> = {}) => {
    const response = await app.inject({ method: 'POST', url, headers: { ...headers, ...extra }, ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: response.statusCode, body: response.json<T>() };
  };
  const ids = (page: PageOf<CaseListItem>) => page.items.map((c) => c.caseId);

  async function openCase(subdistrictCode = '640601'): Promise<string> {
    const created = await post<{ caseId: string }>('/cases', as.supervisor, {
      household: { houseCode: houseCode(), provinceCode: '64', districtCode: district, subdistrictCode, headName: 'ทดสอบ ผู้ดูแล', members: [{ name: 'ทดสอบ ผู้ดูแล' }], source: 'tpmap', failedIndicators: ['I3'] },
    });
    expect(created.status).toBe(201);
    const { caseId } = created.body;
    await eventually(async () => (await sql('select 1 from household_case where id = ?', [caseId])).length === 1);
    return caseId;
  }

  async function act(caseId: string, action: string, payload: unknown): Promise<CaseView> {
    const response = await post<CaseView>(`/cases/${caseId}/${action}`, as.supervisor, payload);
    expect(response.status).toBe(200);
    return response.body;
  }

  beforeAll(async () => {
    orm = await openTestOrm(config);
    worker = await startTestWorker(config, orm);
    app = await buildApp({ config, orm, temporal: temporal.client, logger: testLogger });
    as.supervisor = (await signedIn(orm, 'supervisor', {})).headers;
    as.district = (await signedIn(orm, 'district', { provinceCode: '64', districtCode: district })).headers;
    as.otherDistrict = (await signedIn(orm, 'district', { provinceCode: '64', districtCode: '6405' })).headers;
    as.province = (await signedIn(orm, 'province', { provinceCode: '64' })).headers;
    as.mentor = (await signedIn(orm, 'mentor', { provinceCode: '64', districtCode: district, subdistrictCode: '640601' })).headers;
    as.otherProvinceSupervisor = (await signedIn(orm, 'supervisor', { provinceCode: '65' })).headers;
  });

  afterAll(async () => {
    await app.close();
    await worker.stop();
    await temporal.connection.close();
    await orm.close();
  });

  describe('lists', () => {
    let flagged: string;
    let pastDue: string;
    let quiet: string;
    let fresh: string;

    beforeAll(async () => {
      [flagged, pastDue, quiet, fresh] = await Promise.all([openCase(), openCase('640602'), openCase(), openCase()]);
      // The read model is what the lists read: age these cases there (they stay idle, so no
      // projection writes over it).
      await sql('update household_case set overdue_level = 1 where id = ?', [flagged]);
      await sql(`update household_case set due_at = now() - interval '1 day' where id = ?`, [pastDue]);
      await sql(`update household_case set last_progress_at = now() - interval '20 days' where id = ?`, [quiet]);
    });

    it('lists active cases flagged overdue or past their due date, most overdue first', async () => {
      const { status, body } = await get<PageOf<CaseListItem>>(`/supervisor/overdue?districtCode=${district}`, as.supervisor);
      expect(status).toBe(200);
      expect(ids(body)).toEqual(expect.arrayContaining([flagged, pastDue]));
      expect(ids(body)).not.toContain(fresh);
      expect(ids(body).indexOf(flagged)).toBeLessThan(ids(body).indexOf(pastDue));
      expect(body.items.find((c) => c.caseId === flagged)).toMatchObject({ overdueLevel: 1, stage: 'verification', headName: 'ทดสอบ ผู้ดูแล', districtCode: district });

      const filtered = await get<PageOf<CaseListItem>>(`/supervisor/overdue?subdistrictCode=640602&stage=verification`, as.district);
      expect(ids(filtered.body)).toEqual([pastDue]);
      const paged = await get<PageOf<CaseListItem>>(`/supervisor/overdue?districtCode=${district}&limit=1&sort=-dueAt`, as.province);
      expect(paged.body).toMatchObject({ limit: 1, offset: 0 });
      expect(paged.body.total).toBeGreaterThanOrEqual(2);
      expect(paged.body.items).toHaveLength(1);
    });

    it('lists cases without progress for N days', async () => {
      const { body } = await get<Stuck>(`/supervisor/stuck?days=10&districtCode=${district}`, as.district);
      expect(ids(body)).toContain(quiet);
      expect(ids(body)).not.toContain(fresh);
      expect(body.incidents).toMatchObject({ items: expect.any(Array), total: expect.any(Number) });
      expect(body.workflowProblems.available).toBe(true);
    });

    it("is scoped: another district's user sees none of these; a field role may not use the lists", async () => {
      for (const path of ['overdue', 'stuck?days=10', 'escalated']) {
        const { status, body } = await get<PageOf<CaseListItem>>(`/supervisor/${path}`, as.otherDistrict);
        expect(status).toBe(200);
        expect(ids(body)).not.toEqual(expect.arrayContaining([flagged]));
        expect(ids(body).some((id) => [flagged, pastDue, quiet].includes(id))).toBe(false);
      }
      expect((await get('/supervisor/overdue', as.mentor)).status).toBe(403);
    });

    it.each([
      ['overdue?sort=householdName', 'querystring.sort'],
      ['overdue?limit=0', 'querystring.limit'],
      ['stuck?days=-1', 'querystring.days'],
      ['stuck?days=ten', 'querystring.days'],
      ['escalated?stage=closed', 'querystring.stage'],
      ['escalated?districtCode=64', 'querystring.districtCode'],
      ['incidents?status=broken', 'querystring.status'],
    ])('answers 400 naming the field for %s', async (path, field) => {
      const { status, body } = await get<{ field: string }>(`/supervisor/${path}`, as.supervisor);
      expect(status).toBe(400);
      expect(body.field).toBe(field);
    });

    it('escalates a case by hand, once per Idempotency-Key, audited, and lists it as escalated', async () => {
      const key = { 'idempotency-key': `esc-${randomUUID()}` };
      const first = await post<CaseView>(`/supervisor/cases/${fresh}/escalate`, as.supervisor, { reason: 'เกินขีดความสามารถของอำเภอ' }, key);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ escalated: true, assignmentLevel: 'province' });
      const again = await post<CaseView>(`/supervisor/cases/${fresh}/escalate`, as.supervisor, { reason: 'เกินขีดความสามารถของอำเภอ' }, key);
      expect(again.status).toBe(200);
      expect(again.body.version).toBe(first.body.version);
      expect(again.body.recentEvents.filter((e) => e.type === 'escalated')).toHaveLength(1);

      const audits = await sql<{ actor_role: string; changes: { reason: string } }>(`select actor_role, changes from audit_event where action = 'supervisor.escalate' and entity_id = ?`, [fresh]);
      expect(audits).toEqual([{ actor_role: 'supervisor', changes: { reason: 'เกินขีดความสามารถของอำเภอ' } }]);

      const listed = await eventually(async () => {
        const { body } = await get<PageOf<CaseListItem>>(`/supervisor/escalated?districtCode=${district}`, as.province);
        return ids(body).includes(fresh) ? body : undefined;
      });
      expect(listed.items.find((c) => c.caseId === fresh)).toMatchObject({ escalated: true, assignmentLevel: 'province' });
    });

    it('answers 404 for a case outside the scope and 403 to a role that may not act', async () => {
      expect((await post(`/supervisor/cases/${flagged}/escalate`, as.otherProvinceSupervisor, { reason: 'ทดสอบ' })).status).toBe(404);
      expect((await post('/supervisor/cases/household-case-00000000000/escalate', as.supervisor, { reason: 'ทดสอบ' })).status).toBe(404);
      expect((await post(`/supervisor/cases/${flagged}/escalate`, as.district, { reason: 'ทดสอบ' })).status).toBe(403);
    });
  });

  describe('POST /supervisor/tasks/:taskId/reassign', () => {
    let caseId: string;
    let taskId: string;

    beforeAll(async () => {
      caseId = await openCase();
      await act(caseId, 'verify', { outcome: 'confirmed' });
      const analysed = await act(caseId, 'analysis', {
        attitude: 'อยากพัฒนา',
        skills: 'ทำนา',
        resources: 'ที่ดิน',
        wayOut: 'ปลูกผัก',
        householdType: 'canDevelop',
        problems: [{ dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำกว่าเกณฑ์' }],
      });
      await act(caseId, 'plan', { goal: 'sufficient', items: [{ dimension: 'income', problemIndex: 0, action: 'ฝึกอาชีพ', supportBy: 'CDD' }] });
      const assigned = await act(caseId, 'assign', { assignments: [{ problemId: analysed.problems[0].id, agencyCode: 'CDD', menuItem: 'INC-JOB-TRAINING' }] });
      taskId = assigned.tasks[0].taskId;
      await eventually(async () => (await sql('select 1 from assistance_task where id = ?', [taskId])).length === 1);
    });

    it('answers 422 naming the field for an unknown agency, and 404 outside the scope', async () => {
      const unknown = await post<{ field: string }>(`/supervisor/tasks/${taskId}/reassign`, as.supervisor, { agencyCode: 'NOPE', reason: 'ทดสอบ' });
      expect(unknown.status).toBe(422);
      expect(unknown.body.field).toBe('body.agencyCode');
      expect((await post(`/supervisor/tasks/${taskId}/reassign`, as.otherProvinceSupervisor, { agencyCode: 'LAO', reason: 'ทดสอบ' })).status).toBe(404);
      const missing = await post<{ field: string }>(`/supervisor/tasks/${taskId}/reassign`, as.supervisor, { agencyCode: 'LAO' });
      expect(missing.status).toBe(400);
      expect(missing.body.field).toBe('body.reason');
    });

    it('returns the task and assigns its problem to the new agency, once per Idempotency-Key', async () => {
      const key = { 'idempotency-key': `reassign-${randomUUID()}` };
      const payload = { agencyCode: 'LAO', reason: 'หน่วยงานเดิมไม่มีงบประมาณ' };
      const { status, body } = await post<CaseView>(`/supervisor/tasks/${taskId}/reassign`, as.supervisor, payload, key);
      expect(status).toBe(200);
      expect(body.stage).toBe('assistance');
      expect(body.tasks).toHaveLength(2);
      expect(body.tasks[0]).toMatchObject({ taskId, agencyCode: 'CDD', status: 'returned' });
      expect(body.tasks[1]).toMatchObject({ agencyCode: 'LAO', status: 'open', menuItem: 'INC-JOB-TRAINING' });
      expect(body.problems[0]).toMatchObject({ status: 'assigned', taskId: body.tasks[1].taskId });

      const again = await post<CaseView>(`/supervisor/tasks/${taskId}/reassign`, as.supervisor, payload, key);
      expect(again.status).toBe(200);
      expect(again.body.tasks).toHaveLength(2);
      expect(again.body.version).toBe(body.version);

      const rows = await eventually(async () => {
        const found = await sql<{ id: string; agency_code: string; status: string }>('select id, agency_code, status from assistance_task where case_id = ? order by assigned_at', [caseId]);
        return found.length === 2 && found[0].status === 'returned' ? found : undefined;
      });
      expect(rows.map((r) => [r.agency_code, r.status])).toEqual([
        ['CDD', 'returned'],
        ['LAO', 'open'],
      ]);
      const audits = await sql<{ changes: Record<string, unknown> }>(`select changes from audit_event where action = 'supervisor.reassign' and entity_id = ?`, [taskId]);
      expect(audits).toEqual([{ changes: { from: 'CDD', to: 'LAO', reason: payload.reason } }]);

      // Under a new key, the returned task cannot be reassigned again: its problem has moved on
      // and the case is in assistance, not assignment.
      const stale = await post(`/supervisor/tasks/${taskId}/reassign`, as.supervisor, { agencyCode: 'DOAE', reason: 'อีกครั้ง' });
      expect(stale.status).toBe(409);
    });
  });

  describe('engine incidents', () => {
    const fakeContext = (info: Partial<Info>) => {
      const warn = jest.fn();
      return { ctx: { info: { scheduledTimestampMs: 1_000, currentAttemptScheduledTimestampMs: 1_000, ...info }, log: { warn } } as unknown as Context, warn };
    };
    const incidentRow = async (id: string) => (await sql<{ attempt: number; detail: string; case_id: string | null; resolved_at: Date | null; first_seen_at: Date }>('select * from engine_incident where id = ?', [id]))[0];

    it('records an activity failing from the third attempt, keeps the error, and resolves on a later success', async () => {
      const caseId = await openCase();
      const taskWorkflowId = `${caseId}-task-9`;
      const id = incidentId(taskWorkflowId, 'projectTask');
      const longMessage = `ฐานข้อมูลไม่ตอบสนอง ${'x'.repeat(400)}`;
      const failing = async () => {
        throw new Error(longMessage);
      };
      for (const attempt of [1, 2]) {
        const { ctx } = fakeContext({ attempt, activityType: 'projectTask', workflowExecution: { workflowId: taskWorkflowId, runId: 'r' } });
        await expect(new IncidentInterceptor(ctx, orm).execute({ args: [], headers: {} }, failing)).rejects.toThrow(longMessage);
      }
      expect(await incidentRow(id)).toBeUndefined();

      for (const attempt of [3, 4]) {
        const { ctx } = fakeContext({ attempt, activityType: 'projectTask', workflowExecution: { workflowId: taskWorkflowId, runId: 'r' } });
        await expect(new IncidentInterceptor(ctx, orm).execute({ args: [], headers: {} }, failing)).rejects.toThrow(longMessage);
      }
      const open = await incidentRow(id);
      expect(open).toMatchObject({ attempt: 4, case_id: caseId, resolved_at: null });
      expect(open.detail).toHaveLength(250);
      expect(open.detail.startsWith('Error: ฐานข้อมูลไม่ตอบสนอง')).toBe(true);

      const listed = await get<PageOf<IncidentView>>(`/supervisor/incidents?caseId=${caseId}`, as.district);
      expect(listed.body.items).toEqual([expect.objectContaining({ incidentId: id, workflowId: taskWorkflowId, activityType: 'projectTask', caseId, attempt: 4, resolvedAt: null })]);
      // The technical detail (error text, SQL) is for supervisors and admins; a district reads a plain sentence in the UI.
      expect(listed.body.items[0].detail).toBeNull();
      expect((await get<PageOf<IncidentView>>(`/supervisor/incidents?caseId=${caseId}`, as.supervisor)).body.items[0].detail).toBe(open.detail);
      expect((await get<PageOf<IncidentView>>(`/supervisor/incidents?caseId=${caseId}`, as.otherDistrict)).body.total).toBe(0);
      const stuck = await get<Stuck>(`/supervisor/stuck?districtCode=${district}`, as.district);
      expect(stuck.body.incidents.items.map((i) => i.incidentId)).toContain(id);
      // The stuck list, the district's way to incidents in the UI, carries no technical detail either.
      expect(stuck.body.incidents.items.find((i) => i.incidentId === id)?.detail).toBeNull();

      const { ctx } = fakeContext({ attempt: 5, activityType: 'projectTask', workflowExecution: { workflowId: taskWorkflowId, runId: 'r' } });
      await expect(new IncidentInterceptor(ctx, orm).execute({ args: [], headers: {} }, async () => 'done')).resolves.toBe('done');
      expect((await incidentRow(id)).resolved_at).not.toBeNull();
      expect((await get<PageOf<IncidentView>>(`/supervisor/incidents?caseId=${caseId}`, as.district)).body.total).toBe(0);
      expect((await get<PageOf<IncidentView>>(`/supervisor/incidents?caseId=${caseId}&status=resolved`, as.district)).body.total).toBe(1);

      // Retrying a resolved incident has nothing to do.
      expect((await post(`/supervisor/incidents/${encodeURIComponent(id)}/retry`, as.supervisor)).status).toBe(409);
      expect((await post(`/supervisor/incidents/${encodeURIComponent('household-case-none:projectCase')}/retry`, as.supervisor)).status).toBe(404);
    });

    it('writes nothing for a first attempt that succeeds, and never turns its own database error into the activity\'s', async () => {
      const id = incidentId(`household-case-q${randomUUID().slice(0, 8)}`, 'projectCase');
      const { ctx, warn } = fakeContext({ attempt: 3, activityType: 'projectCase', workflowExecution: { workflowId: id.split(':')[0], runId: 'r' } });
      const brokenOrm = { em: { fork: () => ({ getConnection: () => ({ execute: async () => Promise.reject(new Error('pool closed')) }) }) } } as unknown as Orm;
      await expect(new IncidentInterceptor(ctx, brokenOrm).execute({ args: [], headers: {} }, async () => Promise.reject(new Error('the real failure')))).rejects.toThrow('the real failure');
      expect(warn).toHaveBeenCalledWith('could not record the engine incident', expect.anything());

      const first = fakeContext({ attempt: 1, activityType: 'projectCase', workflowExecution: { workflowId: id.split(':')[0], runId: 'r' } });
      const untouchable = { em: { fork: () => { throw new Error('must not touch the database'); } } } as unknown as Orm;
      await expect(new IncidentInterceptor(first.ctx, untouchable).execute({ args: [], headers: {} }, async () => 42)).resolves.toBe(42);
      expect(first.warn).not.toHaveBeenCalled();
    });

    it("filters the workflows Temporal reports as failing to the caller's area, and says when the engine cannot tell", async () => {
      // The dev server the suite runs sets TemporalReportedProblems only with the dynamic config
      // system.numConsecutiveWorkflowTaskProblemsToTriggerSearchAttribute, so Temporal's side is
      // a stand-in here; the query itself is accepted by the real server (see the stuck list).
      const caseId = await openCase();
      const otherDistrictCase = 'household-case-64059999999';
      const reported = (workflowId: string) => ({
        workflowId,
        runId: 'r',
        type: 'householdCaseWorkflow',
        searchAttributes: { TemporalReportedProblems: ['category=WorkflowTaskFailed', 'cause=WorkflowTaskFailedCauseWorkflowWorkerUnhandledFailure'] },
      });
      let query = '';
      const engine = {
        workflow: {
          list: ({ query: q }: { query: string }) => {
            query = q;
            return (async function* () {
              yield reported(`${caseId}-task-3`);
              yield reported(otherDistrictCase);
              yield reported('district-meeting-6406-20261121T000000000Z');
            })();
          },
        },
      } as unknown as Client;
      const forDistrict = await workflowProblems(orm.em.fork(), engine, { userId: 'u', username: 'u', role: 'district', provinceCode: '64', districtCode: '6406', subdistrictCode: null, agencyCode: null });
      expect(query).toBe('TemporalReportedProblems IS NOT NULL');
      expect(forDistrict).toEqual({
        available: true,
        items: [{ workflowId: `${caseId}-task-3`, runId: 'r', workflowType: 'householdCaseWorkflow', caseId, problems: ['category=WorkflowTaskFailed', 'cause=WorkflowTaskFailedCauseWorkflowWorkerUnhandledFailure'] }],
      });
      const supervisor = await workflowProblems(orm.em.fork(), engine, { userId: 'u', username: 'u', role: 'supervisor', provinceCode: null, districtCode: null, subdistrictCode: null, agencyCode: null });
      expect(supervisor.items.map((i) => i.caseId)).toEqual([caseId, otherDistrictCase, null]);

      const refusing = { workflow: { list: () => { throw new Error('invalid query'); } } } as unknown as Client;
      expect(await workflowProblems(orm.em.fork(), refusing, { userId: 'u', username: 'u', role: 'supervisor', provinceCode: null, districtCode: null, subdistrictCode: null, agencyCode: null })).toEqual({ available: false, items: [] });
    });

    it('end to end: a projection failing on a real worker becomes an incident, and the retry runs it again now', async () => {
      const taskQueue = `incident-${randomUUID()}`;
      let healthy = false;
      const attempts: string[] = [];
      const real = createActivities({ orm, logger: testLogger, temporal: temporal.client });
      const connection = await NativeConnection.connect({ address: config.temporal.address! });
      const failingWorker = await Worker.create({
        connection,
        namespace: config.temporal.namespace,
        taskQueue,
        workflowBundle: { codePath: config.workflowBundlePath! },
        activities: {
          ...real,
          projectCase: async (state: Parameters<typeof real.projectCase>[0]) => {
            attempts.push(`${Context.current().info.isLocal ? 'local' : 'activity'} ${Context.current().info.attempt}`);
            if (!healthy) throw new Error('relation "household_case" is locked (test)');
            await real.projectCase(state);
          },
        },
        interceptors: { activity: [(ctx) => ({ inbound: new IncidentInterceptor(ctx, orm) })] },
      });
      const running = failingWorker.run();
      try {
        const household: Household = { householdId: houseCode(), houseCode: undefined, provinceCode: '64', districtCode: district, subdistrictCode: '640601', members: [], source: 'tpmap', failedIndicators: ['I3'] };
        const caseId = newCaseId();
        await temporal.client.workflow.start('householdCaseWorkflow', {
          workflowId: caseId,
          taskQueue,
          args: [{ household, policy: await activePolicy(orm.em.fork(), '64'), openedBy: 'test' }],
          typedSearchAttributes: M.initialSearchAttributes(household),
        });
        const id = incidentId(caseId, 'projectCase');
        // Two quick local attempts fail, then the activity's attempts 1, 2 and 3 (1 s and 2 s of backoff between them); the third is the incident.
        const incident = await eventually(async () => {
          const { body } = await get<PageOf<IncidentView>>(`/supervisor/incidents?caseId=${caseId}`, as.supervisor);
          return body.items[0];
        }, 30_000);
        expect(incident).toMatchObject({ incidentId: id, attempt: 3, activityType: 'projectCase', detail: 'Error: relation "household_case" is locked (test)' });
        // The case has no read-model row yet, so only an unscoped supervisor sees the incident.
        expect((await get<PageOf<IncidentView>>(`/supervisor/incidents?caseId=${caseId}`, as.district)).body.total).toBe(0);

        healthy = true;
        const retried = await post<RetryResult>(`/supervisor/incidents/${encodeURIComponent(id)}/retry`, as.supervisor, undefined, { 'idempotency-key': `retry-${randomUUID()}` });
        expect(retried.status).toBe(200);
        expect(retried.body.action).toBe('reset');
        // The retry runs on the shared worker, behind whatever the suite's other files load it with.
        await eventually(async () => (await incidentRow(id))?.resolved_at, 60_000);
        // A reset starts the attempts over: the run that succeeded was attempt 1, not the 4th.
        expect(attempts.slice(0, 5)).toEqual(['local 1', 'local 2', 'activity 1', 'activity 2', 'activity 3']);
        expect(attempts[attempts.length - 1]).toBe('activity 1');
        await eventually(async () => (await sql('select 1 from household_case where id = ?', [caseId])).length === 1);
        await temporal.client.workflow.getHandle(caseId).terminate('test over');
      } finally {
        failingWorker.shutdown();
        await running;
        await connection.close();
      }
    }, 45_000);
  });
});
