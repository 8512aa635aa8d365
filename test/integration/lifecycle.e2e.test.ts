import type { Orm } from '../../db/orm';
import { runCaseLifecycle } from '../helpers/lifecycle-scenario';
import { openTestOrm, startTestWorker, testClient, testConfig } from '../helpers/servers';

/**
 * A case's lifecycle on the real dev server with the real activities (the scenario itself is in
 * test/helpers/lifecycle-scenario.ts; test/cluster runs it on the production shape too).
 */
describe('case lifecycle with real activities (the suite\'s Temporal + PostgreSQL)', () => {
  const config = testConfig();
  const temporal = testClient(config);
  let orm: Orm;
  let worker: { stop(): Promise<void> };

  beforeAll(async () => {
    orm = await openTestOrm(config);
    worker = await startTestWorker(config, orm);
  });
  afterAll(async () => {
    await worker.stop();
    await temporal.connection.close();
    await orm.close();
  });

  it('projects each step, opens the district meeting schedule, and delivers meeting decisions to the cases', async () => {
    await runCaseLifecycle({ config, client: temporal.client, orm, districtCode: '6499' });
  });
});
