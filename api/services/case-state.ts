import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { storedCaseSnapshot } from '../../db/read-model/case-snapshot';
import { caseStateQuery, type CaseAnswer } from '../../workflows/household-case/messages';
import type { CaseState } from '../../workflows/household-case/types';

/**
 * The state an action's answer speaks of, for the API to render: read from the read model, which
 * the workflow wrote before it answered (the projection runs in the same workflow task), so the
 * stored version is the answer's or a newer one. Only when the projection could not write (it
 * fell back to its retrying activity while PostgreSQL was in trouble) is the row older: then the
 * workflow itself is asked, as before.
 */
export async function caseStateAfter(temporal: Client, em: EntityManager, answer: CaseAnswer): Promise<CaseState> {
  const stored = await storedCaseSnapshot(em, answer.caseId);
  if (stored && stored.version >= answer.version) return stored.state;
  return temporal.workflow.getHandle(answer.caseId).query(caseStateQuery);
}
