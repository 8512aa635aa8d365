import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { caseStateQuery, type CaseAnswer } from '../../workflows/household-case/messages';
import type { CaseState } from '../../workflows/household-case/types';

/**
 * Runs a case update and reads the state it left: an update answers only the case and its version
 * (messages.ts, CaseAnswer), so a test that checks the state asks the workflow for it, as the API
 * reads it from the read model.
 */
export async function updateCase<I>(handle: WorkflowHandle, def: UpdateDefinition<CaseAnswer, [I]>, options: { args: [I]; updateId?: string }): Promise<CaseState> {
  await handle.executeUpdate(def, options);
  return handle.query(caseStateQuery);
}
