import { buildApp, type App } from '../../api/app';
import type { Orm } from '../../db/orm';
import { makeHouseholds } from '../../scripts/chaos/households';
import { runRaces, type RaceResult } from '../../scripts/chaos/races';
import { signedIn } from '../helpers/auth';
import { openTestOrm, startTestWorker, testClient, testConfig, testLogger } from '../helpers/servers';

/**
 * The small run of `npm run chaos`'s races: households opened and advanced by bursts of
 * concurrent requests on two API replicas, replayed keys and fresh keys mixed.
 */
describe('concurrent duplicates and replayed keys', () => {
  const config = testConfig();
  const temporal = testClient(config);
  let orm: Orm;
  let worker: { stop(): Promise<void> };
  let replicas: App[];
  let result: RaceResult;

  beforeAll(async () => {
    orm = await openTestOrm(config);
    worker = await startTestWorker(config, orm);
    replicas = await Promise.all([0, 1].map(() => buildApp({ config, orm, temporal: temporal.client, logger: testLogger })));
    const sessions = {
      operationsTeam: (await signedIn(orm, 'operationsTeam')).headers,
      mentor: (await signedIn(orm, 'mentor')).headers,
      district: (await signedIn(orm, 'district')).headers,
    };
    result = await runRaces({ replicas, client: temporal.client, orm, sessions, households: makeHouseholds(10).households, fanOut: 4 });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(replicas.map((app) => app.close()));
    await worker.stop();
    await temporal.connection.close();
    await orm.close();
  });

  it('opens each household once, with every losing request answered 409 or the replayed 201', () => {
    expect(result.cases).toBe(10);
    expect(result.duplicateAttempts).toBe(30);
    expect(result.duplicates).toEqual([]);
    expect(Object.keys(result.byStatus).filter((status) => Number(status) >= 500)).toEqual([]);
  });

  it('answers every replayed key with the first answer', () => {
    expect(result.replayedKeys).toBeGreaterThan(0);
    expect(result.replayMismatches).toEqual([]);
  });

  it('leaves every case as asked: no transition lost or doubled, one audit row per action, read model = workflow', () => {
    expect(result.check).toMatchObject({ checked: 10, wrongStage: [], lostOrDoubled: [], readModelDrift: [], auditDrift: [] });
  });
});
