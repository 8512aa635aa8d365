import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { App } from '../../api/app';
import type { Orm } from '../../db/orm';
import { driveCases, type DriveFigures, type Sessions } from './driver';
import { makeHouseholds } from './households';
import type { RestartableServers } from './servers';
import { verifyCases, type CaseCheck } from './verify';
import { spawnWorker, type WorkerProcess } from './worker-process';

export interface OutageOptions {
  app: App;
  client: Client;
  orm: Orm;
  sessions: Sessions;
  servers: RestartableServers;
  workerEnv: NodeJS.ProcessEnv;
  cases: number;
  concurrency: number;
  /** How long each server stays down. */
  downMs: number;
  onWorkerLine: (line: string) => void;
}

export interface Probe {
  down: 'temporal' | 'postgres';
  request: string;
  /** 200 for a read the read model serves alone, 503 (with Retry-After) for anything that needs the server that is down. */
  expected: 200 | 503;
  status: number;
  retryAfter: string | null;
}

/** A probe that did not answer as it should: a 503 must also say when to retry. */
export const probeMissed = (p: Probe): boolean => p.status !== p.expected || (p.expected === 503 && !/^\d+$/.test(p.retryAfter ?? ''));

export interface OutageResult {
  outages: number;
  probes: Probe[];
  /** Times the worker process ended on its own (it is started again, as an orchestrator would). */
  workerRestarts: number;
  seconds: number;
  drive: DriveFigures;
  check: CaseCheck;
}

/**
 * Advances cases through the API while the Temporal dev server, then PostgreSQL, is stopped and
 * started again. While one is down, reads and writes are probed: what needs the stopped server
 * answers 503 with Retry-After; reads the read model serves alone (a case, the inbox) keep
 * answering while only Temporal is down. Afterwards every case is checked as after the worker kills.
 */
export async function runOutages(options: OutageOptions): Promise<OutageResult> {
  const started = Date.now();
  const { households } = makeHouseholds(options.cases);
  const spare = makeHouseholds(2).households;
  let stopping = false;
  let workerRestarts = 0;
  let worker: WorkerProcess;
  const supervise = (): void => {
    worker = spawnWorker(options.workerEnv, options.onWorkerLine);
    void worker.exited.then(() => {
      if (stopping) return;
      workerRestarts++;
      supervise();
    });
  };
  supervise();
  await worker!.ready;

  const drive = driveCases(options.app, options.sessions, households, options.concurrency, `outage-${randomUUID().slice(0, 8)}`);
  const probes: Probe[] = [];
  // Case IDs are opaque: the first household's case is looked up by its house code once it exists.
  let someCase = '';
  const probe = async (down: Probe['down']): Promise<void> => {
    const requests = [
      // A case is read from its projected state: it stays readable while only Temporal is down.
      { method: 'GET' as const, url: `/cases/${someCase}`, headers: options.sessions.mentor, expected: down === 'temporal' ? (200 as const) : (503 as const) },
      // A write that changes none of the driven cases: opening one more (it may exist afterwards).
      { method: 'POST' as const, url: '/cases', headers: options.sessions.operationsTeam, payload: { household: spare.shift() }, expected: 503 as const },
      // The inbox is the read model alone too.
      { method: 'GET' as const, url: '/inbox', headers: options.sessions.district, expected: down === 'temporal' ? (200 as const) : (503 as const) },
    ];
    for (const request of requests) {
      const { expected, ...sent } = request;
      const response = await options.app.inject(sent);
      probes.push({ down, request: `${request.method} ${request.url}`, expected, status: response.statusCode, retryAfter: (response.headers['retry-after'] as string | undefined) ?? null });
    }
  };
  const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  await settle(options.downMs / 2);
  // The read probe needs a case that exists (else it answers 404 from the read model, up or down).
  const caseOfFirst = async (): Promise<string | undefined> =>
    (await options.orm.em.fork().execute<Array<{ id: string }>>('select hc.id from household_case hc join household h on h.id = hc.household_id where h.house_code = ?', [households[0].houseCode]))[0]?.id;
  for (let found = await caseOfFirst(); ; found = await caseOfFirst()) {
    if (found) {
      someCase = found;
      break;
    }
    await settle(100);
  }
  await options.servers.stopTemporal();
  await probe('temporal');
  await settle(options.downMs);
  await options.servers.startTemporal();
  await settle(options.downMs / 2);
  await options.servers.stopPostgres();
  await probe('postgres');
  await settle(options.downMs);
  await options.servers.startPostgres();

  const driven = await drive;
  await worker!.ready;
  const check = await verifyCases(options.client, options.orm, driven.cases);
  stopping = true;
  worker!.kill('SIGTERM');
  await worker!.exited;
  return { outages: 2, probes, workerRestarts, seconds: Math.round((Date.now() - started) / 1000), drive: driven.figures, check };
}
