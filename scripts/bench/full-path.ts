import { caseIdsOf, call, importTargets, projectedCases } from './api-client';
import { atHalfRate, quiet, type EngineResult, type LoadOptions } from './baseline';
import { profiled, stepEvents } from './engine-work';
import { signIn, type BenchStack } from './stack';
import { cpuPerItem, latency, perSecond, timedPool, until } from './stats';
import { tpmapFile } from './tpmap-file';

export interface FullPathResult extends EngineResult {
  /** From upload to the last case in the read model. */
  projectedPerSecond: number;
}

/**
 * B2: Kaejon's own path. Households are imported through POST /imports/targets (upload, staging,
 * the import workflow starting one case per row), then each case is advanced once through the API
 * (POST /cases/:id/verify: the scope check against the read model, the workflow update, the audit
 * row) with as many requests in flight as B0 had updates.
 */
export async function measureFullPath(stack: BenchStack, options: LoadOptions & { tag: string; timeoutMs: number }): Promise<FullPathResult> {
  const district = await signIn(stack.orm, 'district', { provinceCode: '64', districtCode: '6401' });
  const file = tpmapFile(options.count, options.tag);
  const { result: imported, cpuMsPerItem: cpuMsPerStart } = await cpuPerItem(options.count, () => importTargets(stack, district, file.csv, options.timeoutMs));
  const t0 = performance.now() - imported.startedMs;
  await until(async () => (await projectedCases(stack, imported.importId)) === imported.acceptedRows, options.timeoutMs, 'the imported cases to reach the read model', 500);
  const projectedMs = performance.now() - t0;
  await quiet(stack.worker);

  const caseIds = await caseIdsOf(stack, imported.importId);
  const historyOf = async (): Promise<number> => (await stack.client.workflow.getHandle(caseIds[0]).describe()).historyLength;
  const afterStart = await historyOf();
  const verify = async (caseId: string): Promise<void> => {
    await call(stack, 'POST', `/cases/${caseId}/verify`, district, { outcome: 'confirmed' });
  };
  const {
    result: { result: updates, cpuMsPerItem: cpuMsPerUpdate, mainThread: updateMainThread },
    profile: updateProfile,
  } = await profiled('b2-updates', () => cpuPerItem(caseIds.length, () => timedPool(caseIds, options.updateConcurrency, verify)));
  await quiet(stack.worker);
  const afterUpdate = await historyOf();
  const updateEvents = await stepEvents(stack.client, caseIds[0], afterStart);
  const updatesPerSecond = perSecond(caseIds.length, updates.elapsedMs);

  // Half the rate, on cases of a second (untimed) import: each case is verified once.
  const second = await importTargets(stack, district, tpmapFile(Math.ceil(options.count / 2), otherTag(options.tag)).csv, options.timeoutMs);
  await until(async () => (await projectedCases(stack, second.importId)) === second.acceptedRows, options.timeoutMs, 'the second import to reach the read model', 500);
  await quiet(stack.worker);
  const halfRate = await atHalfRate(await caseIdsOf(stack, second.importId), updatesPerSecond, verify);
  await quiet(stack.worker);
  return {
    starts: { count: imported.acceptedRows, perSecond: perSecond(imported.acceptedRows, imported.startedMs) },
    updates: { count: caseIds.length, perSecond: updatesPerSecond, latency: latency(updates.samplesMs) },
    halfRate,
    updateEvents,
    ...(updateProfile ? { updateProfile } : {}),
    // Kaejon signals cases only from the survey import and tasks: not part of this path.
    signals: { count: 0, perSecond: 0 },
    projectedPerSecond: perSecond(imported.acceptedRows, projectedMs),
    historyEvents: { afterStart, afterUpdate },
    cpuMsPerStart,
    cpuMsPerUpdate,
    updateMainThread,
  };
}

/** Another 3-digit file tag, far from the first: its house codes and IDs never meet the first file's. */
const otherTag = (tag: string): string => String(100 + ((Number(tag) - 100 + 450) % 900));
