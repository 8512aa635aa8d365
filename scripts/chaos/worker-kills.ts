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
}

export interface WorkerKillResult {
  kills: number;
  /** Kills that landed while cases were still being advanced. */
  killsDuringRun: number;
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
  let worker: WorkerProcess = spawnWorker(options.workerEnv, options.onWorkerLine);
  let driving = true;
  let kills = 0;
  let killsDuringRun = 0;

  const killer = (async () => {
    while (kills < options.kills) {
      await worker.ready.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, randomInt(options.killAfterMs[0], options.killAfterMs[1])));
      worker.kill('SIGKILL');
      await worker.exited;
      kills++;
      if (driving) killsDuringRun++;
      worker = spawnWorker(options.workerEnv, options.onWorkerLine);
    }
  })();

  let drive: Awaited<ReturnType<typeof driveCases>>;
  try {
    drive = await driveCases(options.app, options.sessions, households, options.concurrency, `chaos-${randomUUID().slice(0, 8)}`);
  } finally {
    driving = false;
  }
  await killer;
  await worker.ready;
  drive.figures.errorBodies.push(...(await personalDataProbes(options.app, options.sessions, households)));
  const check = await verifyCases(options.client, options.orm, drive.cases);
  worker.kill('SIGTERM');
  await worker.exited;
  return { kills, killsDuringRun, cases: drive.cases.length, seconds: Math.round((Date.now() - started) / 1000), drive: drive.figures, check, personal };
}
