import { importTargets, projectedCases } from './api-client';
import { readModelPace, readModelRows } from './read-model-rows';
import { signIn, type BenchStack } from './stack';
import { mb, peakMemorySampler, perSecond, until } from './stats';
import { tpmapFile } from './tpmap-file';

export interface ImportResult {
  households: number;
  fileMb: number;
  uploadSeconds: number;
  startedSeconds: number;
  endToEndSeconds: number;
  householdsPerSecond: number;
  startsPerSecond: number;
  readModelRows: number;
  readModelRowsPerSecond: number;
  /** The fastest ten seconds of read-model writes during the import. */
  readModelPeakRowsPerSecond: number;
  peakMemoryMb: Record<string, number>;
}

/**
 * A province-sized TPMAP file through the whole path: upload, staging, the import workflow, a case
 * started per household, and each case's first projection into the read model. The clock stops
 * when the last household's case row is in PostgreSQL.
 */
export async function measureImport(stack: BenchStack, options: { households: number; tag: string; timeoutMs: number; pids: Record<string, number | undefined> }): Promise<ImportResult> {
  const district = await signIn(stack.orm, 'district', { provinceCode: '64', districtCode: '6401' });
  const file = tpmapFile(options.households, options.tag);
  const rowsBefore = await readModelRows(stack.orm);
  const memory = peakMemorySampler(options.pids);
  const pace = readModelPace(stack.orm);
  const t0 = performance.now();
  try {
    const imported = await importTargets(stack, district, file.csv, options.timeoutMs);
    await until(async () => (await projectedCases(stack, imported.importId)) === imported.acceptedRows, options.timeoutMs, 'the imported cases to reach the read model', 1000);
    const endToEndMs = performance.now() - t0;
    const peakRows = await pace.stop();
    const rows = (await readModelRows(stack.orm)) - rowsBefore;
    return {
      households: imported.acceptedRows,
      fileMb: mb(file.csv.length),
      uploadSeconds: Math.round(imported.uploadMs) / 1000,
      startedSeconds: Math.round(imported.startedMs) / 1000,
      endToEndSeconds: Math.round(endToEndMs) / 1000,
      householdsPerSecond: perSecond(imported.acceptedRows, endToEndMs),
      startsPerSecond: perSecond(imported.acceptedRows, imported.startedMs),
      readModelRows: rows,
      readModelRowsPerSecond: perSecond(rows, endToEndMs),
      readModelPeakRowsPerSecond: peakRows,
      peakMemoryMb: Object.fromEntries(Object.entries(memory.stop()).map(([name, bytes]) => [name, mb(bytes)])),
    };
  } finally {
    await pace.stop();
    memory.stop();
  }
}
