import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';

/**
 * B0, the engine on its own: one timer and one signal, plus one update so the update round trip
 * has a bare counterpart. Nothing else: no activity, no search attributes, no projection.
 */
export const finishSignal = defineSignal('finish');
export const touchUpdate = defineUpdate<number, [number]>('touch');

export async function bareWorkflow(): Promise<number> {
  let finished = false;
  let touches = 0;
  setHandler(finishSignal, () => void (finished = true));
  setHandler(touchUpdate, (n) => (touches += n));
  await condition(() => finished, '1 day');
  return touches;
}
