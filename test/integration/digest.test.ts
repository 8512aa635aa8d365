import { randomUUID } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import type { NotificationChannel, NotificationMessage } from '../../activities/notifications/channel';
import { sendDailyDigests } from '../../activities/notifications/digests';
import { buildApp, type App } from '../../api/app';
import { smtpChannel } from '../../activities/notifications/channels';
import { ensureDigestSchedule } from '../../activities/notifications/schedule';
import type { NotificationPreferencesBody } from '../../domain/contract/notifications';
import type { Orm } from '../../db/orm';
import { projectCaseSnapshots, projectTaskSnapshot } from '../../db/read-model/projection';
import { freePort } from '../../infra/ports';
import type { DigestRunResult } from '../../workflows/daily-digest/messages';
import { createKaejonWorker, stopWorker } from '../../worker/worker';
import { signedIn } from '../helpers/auth';
import { caseState, daysAfter, enterStage, household, taskState } from '../helpers/fixtures';
import { eventually, openTestOrm, testClient, testConfig, testLogger } from '../helpers/servers';

/**
 * The daily digest end to end: preferences saved through the API, items from the read model,
 * runs started by a real Schedule on the dev server and by hand at the same time, delivered over
 * SMTP to a server this test starts, parsed as a mail program would.
 * Phitsanulok's Nakhon Thai district (6502): no other test file writes cases there.
 */
describe('daily digest: one Thai e-mail per user and day, with what needs them', () => {
  const config = testConfig();
  const temporal = testClient(config);
  const scheduleId = `daily-digest-test-${randomUUID()}`;
  const received: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => (received.push(mail), callback()), callback);
    },
  });
  let orm: Orm;
  let app: App;
  let stopTheWorker: () => Promise<void>;
  const run = randomUUID().slice(0, 6);
  const names = { reminded: `สมศรี เตือนก่อน ${run}`, overdue: `บุญมี เลยกำหนด ${run}`, quiet: `ประยูร ยังไม่ถึง ${run}`, task: `มานะ หน่วยงาน ${run}` };
  const users = {} as Record<'mentor' | 'district' | 'agency' | 'inAppMentor' | 'otherMentor', { headers: { authorization: string }; userId: string; email: string }>;
  const mailsTo = (who: keyof typeof users) => received.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.value[0]?.address === users[who].email);

  const area = { provinceCode: '65', districtCode: '6502', subdistrictCode: '650201' };
  async function choose(who: keyof typeof users, kinds: Partial<NotificationPreferencesBody['kinds']>) {
    const body: NotificationPreferencesBody = { email: users[who].email, kinds: { reminder: 'inApp', overdue: 'inApp', escalated: 'inApp', taskAssigned: 'inApp', ...kinds } };
    const response = await app.inject({ method: 'PUT', url: '/me/notifications', headers: users[who].headers, payload: body });
    expect(response.statusCode).toBe(200);
  }

  beforeAll(async () => {
    const port = await freePort();
    await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
    orm = await openTestOrm(config);
    app = await buildApp({ config, orm, temporal: temporal.client, logger: testLogger });
    const connection = await NativeConnection.connect({ address: config.temporal.address! });
    const channel = smtpChannel(`smtp://127.0.0.1:${port}`, 'แก้จน Kaejon <no-reply@kaejon.test>');
    const worker = await createKaejonWorker({ connection, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, orm, logger: testLogger, temporal: temporal.client, workflowBundlePath: config.workflowBundlePath, notificationChannel: channel });
    const running = worker.run();
    stopTheWorker = async () => {
      await stopWorker(worker, running);
      channel.close();
      await connection.close();
    };

    const account = async (who: keyof typeof users, role: Parameters<typeof signedIn>[1], scope: Parameters<typeof signedIn>[2]) => {
      const { headers, userId } = await signedIn(orm, role, scope);
      users[who] = { headers, userId, email: `${who}.${run}@example.go.th` };
    };
    await account('mentor', 'mentor', area);
    await account('inAppMentor', 'mentor', area);
    await account('otherMentor', 'mentor', { ...area, subdistrictCode: '650202' });
    await account('district', 'district', { provinceCode: '65', districtCode: '6502' });
    await account('agency', 'agency', { provinceCode: '65', agencyCode: 'CDD' });

    // The read model as the projections write it: an analysis reminded of its due date, one past
    // it (escalated to the district), one not due yet, and a case in assistance with a CDD task.
    const now = new Date().toISOString();
    const inArea = (headName: string) => household({ ...area, headName, villageNo: '4' });
    const reminded = enterStage(caseState({ household: inArea(names.reminded) }), 'analysis', daysAfter(now, -25), 30);
    reminded.remindedFor = reminded.dueAt;
    const overdue = enterStage(caseState({ household: inArea(names.overdue) }), 'analysis', daysAfter(now, -40), 30);
    overdue.overdueLevel = 1;
    const quiet = enterStage(caseState({ household: inArea(names.quiet) }), 'analysis', daysAfter(now, -1), 30);
    const assisted = enterStage(caseState({ household: inArea(names.task) }), 'assistance', daysAfter(now, -5), null);
    await projectCaseSnapshots(orm, [reminded, overdue, quiet, assisted]);
    await projectTaskSnapshot(orm, taskState(assisted, { agencyCode: 'CDD', assignedAt: daysAfter(now, -5), dueAt: daysAfter(now, 60) }));

    await choose('mentor', { reminder: 'dailyDigest', overdue: 'dailyDigest' });
    await choose('district', { escalated: 'dailyDigest' });
    await choose('agency', { taskAssigned: 'dailyDigest' });
    await choose('inAppMentor', {});
    await choose('otherMentor', { reminder: 'dailyDigest', overdue: 'dailyDigest' });
  });

  afterAll(async () => {
    await temporal.client.schedule
      .getHandle(scheduleId)
      .delete()
      .catch(() => undefined);
    await stopTheWorker?.();
    await app?.close();
    await temporal.connection.close();
    await orm?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('the Schedule firing twice, and two more runs at once, still send one e-mail per user', async () => {
    await ensureDigestSchedule(temporal.client, { taskQueue: config.temporal.taskQueue, cron: '0 7 * * *', scheduleId });
    await ensureDigestSchedule(temporal.client, { taskQueue: config.temporal.taskQueue, cron: '0 7 * * *', scheduleId }); // every worker start: no error, one Schedule
    const schedule = temporal.client.schedule.getHandle(scheduleId);
    await schedule.trigger(ScheduleOverlapPolicy.ALLOW_ALL);
    await schedule.trigger(ScheduleOverlapPolicy.ALLOW_ALL);
    const started = await eventually(async () => {
      const actions = (await schedule.describe()).info.recentActions;
      return actions.length >= 1 && actions.map((action) => action.action.workflow.workflowId);
    });
    const byHand = [randomUUID(), randomUUID()].map((workflowId) => temporal.client.workflow.start('dailyDigestWorkflow', { taskQueue: config.temporal.taskQueue, workflowId, args: [] }));
    const results: DigestRunResult[] = await Promise.all([...started.map((id) => temporal.client.workflow.getHandle(id).result()), ...(await Promise.all(byHand)).map((handle) => handle.result())]);
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect(new Set(results.map((result) => result.day)).size).toBe(1);

    expect(mailsTo('mentor')).toHaveLength(1);
    expect(mailsTo('district')).toHaveLength(1);
    expect(mailsTo('agency')).toHaveLength(1);
    expect(mailsTo('inAppMentor')).toHaveLength(0); // chose the app only
    expect(mailsTo('otherMentor')).toHaveLength(0); // nothing waits in their subdistrict
    const sent = await orm.em
      .fork()
      .getConnection()
      .execute<Array<{ user_id: string }>>('select user_id from digest_sent where user_id in (?, ?, ?, ?, ?) and sent_at is not null', Object.values(users).map((u) => u.userId));
    expect(sent.map((row) => row.user_id).sort()).toEqual([users.mentor.userId, users.district.userId, users.agency.userId].sort());
  });

  it("each e-mail is in Thai and lists that user's items of the chosen kinds, with links", () => {
    const [mentor] = mailsTo('mentor');
    expect(mentor.subject).toMatch(/^แก้จน: งานที่รอคุณ 2 รายการ \(\d{1,2} [ก-๙]+ 25\d\d\)$/);
    expect(mentor.text).toContain('ใกล้ครบกำหนด (1)');
    expect(mentor.text).toContain('เกินกำหนด (1)');
    expect(mentor.text).toContain(`วิเคราะห์ 4ท และจัดทำแผนพัฒนาครัวเรือน: ${names.reminded} หมู่ 4 ต.นครไทย อ.นครไทย`);
    expect(mentor.text).toContain(names.overdue);
    expect(mentor.text).not.toContain(names.quiet); // its own work, not due: the inbox only
    expect(mentor.text).not.toContain(names.task);
    expect(mentor.text).toMatch(/\/#\/households\/h[0-9a-f]+/);
    expect(mentor.html).toContain('<a href=');

    const [district] = mailsTo('district');
    expect(district.text).toContain('ยกระดับมาถึงคุณ (1)');
    expect(district.text).toContain(names.overdue);
    expect(district.text).not.toContain(names.reminded);

    const [agency] = mailsTo('agency');
    expect(agency.text).toContain('งานที่มอบหมายให้หน่วยงานของคุณ (1)');
    expect(agency.text).toContain(names.task);
    expect(agency.text).toMatch(/\/#\/tasks\//);
    // Names only: no national IDs (13 digits) and no house codes (11 digits) in any message.
    for (const mail of [mentor, district, agency]) expect(`${mail.subject}\n${mail.text}`).not.toMatch(/\d{11,}/);
  });

  it('a send that fails releases its claim: the retry sends it, and nobody else twice', async () => {
    const day = '2030-01-02'; // a day of its own: the runs above claimed today
    const attempts: NotificationMessage[] = [];
    let failOnce = true;
    const flaky: NotificationChannel = {
      name: 'flaky',
      async send(message) {
        attempts.push(message);
        if (message.recipient.userId === users.mentor.userId && failOnce) {
          failOnce = false;
          throw Object.assign(new Error('421 try again later'), { responseCode: 421 });
        }
        return { messageId: null };
      },
      close: () => undefined,
    };
    const deps = { orm, logger: testLogger, channel: flaky, publicUrl: 'https://kaejon.example.go.th' };
    await expect(new MockActivityEnvironment().run(sendDailyDigests, deps, day)).rejects.toThrow('421');
    const sentOn = async () =>
      (await orm.em.fork().getConnection().execute<Array<{ user_id: string }>>('select user_id from digest_sent where day = ?::date and sent_at is not null', [day])).map((row) => row.user_id);
    expect(await sentOn()).not.toContain(users.mentor.userId);
    expect(await sentOn()).toEqual(expect.arrayContaining([users.district.userId, users.agency.userId]));

    await new MockActivityEnvironment().run(sendDailyDigests, deps, day);
    expect(await sentOn()).toEqual(expect.arrayContaining([users.mentor.userId, users.district.userId, users.agency.userId]));
    const to = (userId: string) => attempts.filter((message) => message.recipient.userId === userId).length;
    expect([to(users.mentor.userId), to(users.district.userId), to(users.agency.userId)]).toEqual([2, 1, 1]);
    expect(attempts.find((message) => message.recipient.userId === users.mentor.userId)?.text).toContain('https://kaejon.example.go.th/#/households/');
  });
});
