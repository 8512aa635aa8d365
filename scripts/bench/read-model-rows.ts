import type { Orm } from '../../db/orm';

/** The tables a case projection writes (db/read-model/projection.ts). */
export const READ_MODEL_TABLES = ['household_case', 'household', 'household_member', 'case_event', 'case_problem', 'plan_item', 'escalation', 'logbook_entry', 'inbox_item', 'assistance_task'];

/** Rows in the read model now: the difference of two counts is what the projections wrote between them. */
export async function readModelRows(orm: Orm): Promise<number> {
  const sql = READ_MODEL_TABLES.map((t) => `(select count(*) from ${t})`).join(' + ');
  const [row] = await orm.em.fork().execute<Array<{ n: string }>>(`select ${sql} as n`);
  return Number(row.n);
}

/**
 * Samples the read-model row count every few seconds while `work` runs, and returns the fastest
 * pace over any window of about ten seconds (the projection's own pace while cases keep coming).
 */
export function readModelPace(orm: Orm, everyMs = 5000): { stop(): Promise<number> } {
  const samples: Array<{ at: number; rows: number }> = [];
  let sampling = Promise.resolve();
  const sample = (): void => {
    sampling = sampling.then(async () => void samples.push({ at: performance.now(), rows: await readModelRows(orm) })).catch(() => undefined);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      sample();
      await sampling;
      let best = 0;
      for (let i = 2; i < samples.length; i++) {
        const from = samples[i - 2];
        best = Math.max(best, ((samples[i].rows - from.rows) * 1000) / (samples[i].at - from.at));
      }
      return Math.round(best);
    },
  };
}
