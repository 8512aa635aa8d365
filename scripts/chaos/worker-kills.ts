import { randomInt, randomUUID } from 'node:crypto';
import type { App } from '../../api/app';
import type { Client } from '@temporalio/client';
import type { Orm } from '../../db/orm';
import { driveCases, type DriveFigures, type Sessions } from './driver';
import { makeHouseholds, type PersonalData } from './households';
import { personalDataProbes } from './pii-probes';
import { verifyCases, type CaseCheck } from './verify';
import { spawnWorker, type WorkerProcess } from './worker-process';

export interface WorkerKillOptions {
  app: App;
  client: Client;
  orm: Orm;
  sessions: Sessions;
  /** DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE, WORKFLOW_BUNDLE for the worker process. */
  workerEnv: NodeJS.ProcessEnv;
  cases: number;
  kills: number;
  concurrency: number;
  /** Each kill comes at a random moment this long after the worker came up. */
  killAfterMs: [number, number];
  /** Every line the workers print, for the personal-data scan. */
  onWorkerLine: (line: string) => void;
  /**
   * Other failures to inject while cases advance, one after another, each after a random
   * `killAfterMs` pause (the cluster test kills the Temporal server and its database connections).
   */
  faults?: Array<{ name: string; inject(): Promise<void> }>;
}

export interface WorkerKillResult {
  kills: number;
  /** Kills that landed while cases were still being advanced. */
  killsDuringRun: number;
  /** The `faults` injected, and how many of them landed while cases were being advanced. */
  faults: string[];
  faultsDuringRun: number;
  /** Times a worker ended on its own (a start while Temporal was down) and was started again. */
  workerRestarts: number;
  cases: number;
  seconds: number;
  drive: DriveFigures;
  check: CaseCheck;
  personal: PersonalData;
}

/**
 * Advances `cases` households through the API while a real worker process is SIGKILLed at random
 * moments and started again, `kills` times; then checks every case (verify.ts).
 */
export async function runWorkerKills(options: WorkerKillOptions): Promise<WorkerKillResult> {
  const started = Date.now();
  const { households, personal } = makeHouseholds(options.cases);
  const pause = () => new Promise((resolve) => setTimeout(resolve, randomInt(options.killAfterMs[0], options.killAfterMs[1])));
  let driving = true;
  let stopping = false;
  let kills = 0;
  let killsDuringRun = 0;
  let workerRestarts = 0;
  const faults: string[] = [];
  let faultsDuringRun = 0;

  // A worker that ends on its own (one started while Temporal was down gives up) is started again,
  // as an orchestrator would; one this run SIGKILLs is started again by the killer below.
  const killed = new Set<WorkerProcess>();
  let worker!: WorkerProcess;
  const start = (): void => {
    const mine = spawnWorker(options.workerEnv, options.onWorkerLine);
    worker = mine;
    void mine.exited.then(() => {
      if (stopping || killed.has(mine)) return;
      workerRestarts++;
      start();
    });
  };
  start();

  const killer = (async () => {
    while (kills < options.kills) {
      await worker.ready.catch(() => undefined);
      await pause();
      const victim = worker;
      killed.add(victim);
      victim.kill('SIGKILL');
      await victim.exited;
      kills++;
      if (driving) killsDuringRun++;
      start();
    }
  })();
  const injector = (async () => {
    for (const fault of options.faults ?? []) {
      await pause();
      await fault.inject();
      faults.push(fault.name);
      if (driving) faultsDuringRun++;
    }
  })();

  let drive: Awaited<ReturnType<typeof driveCases>>;
  try {
    drive = await driveCases(options.app, options.sessions, households, options.concurrency, `chaos-${randomUUID().slice(0, 8)}`);
  } finally {
    driving = false;
  }
  await Promise.all([killer, injector]);
  for (;;) {
    const current = worker;
    if (await current.ready.then(() => true, () => false)) break;
    await current.exited;
  }
  drive.figures.errorBodies.push(...(await personalDataProbes(options.app, options.sessions, households)));
  const check = await verifyCases(options.client, options.orm, drive.cases);
  stopping = true;
  worker.kill('SIGTERM');
  await worker.exited;
  return { kills, killsDuringRun, faults, faultsDuringRun, workerRestarts, cases: drive.cases.length, seconds: Math.round((Date.now() - started) / 1000), drive: drive.figures, check, personal };
}
