import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../domain/scope';
import { recordAudit } from '../../db/audit';
import { recordConflict, type ConflictRow, type NewConflict } from '../../db/sync-conflicts';
import type { CaseState } from '../../workflows/household-case/types';
import type { AssistanceTaskState } from '../../workflows/assistance-task/types';

/** What the offline sync of a case action (sync.ts) and of a task action (sync-task.ts) share. */
export interface SyncContext {
  /** The request's own EntityManager (api/plugins/services.ts). */
  em: EntityManager;
  principal: Principal;
  idempotencyKey: string;
  ip: string;
}

export type SyncOutcome =
  | { outcome: 'applied' | 'merged'; caseId: string; state: CaseState }
  | { outcome: 'applied'; caseId: string; taskId: string; task: AssistanceTaskState }
  | { outcome: 'conflict'; caseId: string; conflict: ConflictRow };

type ConflictFacts = Omit<NewConflict, 'submittedBy' | 'submittedRole' | 'idempotencyKey'>;

/** Stores the conflict (once per sender and key) and audits it with both values: never applied, never dropped. */
export async function queueConflict(ctx: SyncContext, facts: ConflictFacts, entity: { type: 'case' | 'task'; id: string }): Promise<SyncOutcome> {
  const row = await recordConflict(ctx.em, { ...facts, submittedBy: ctx.principal.userId, submittedRole: ctx.principal.role, idempotencyKey: ctx.idempotencyKey });
  await auditSync(ctx, 'sync.conflict', entity, { reason: facts.reason, action: facts.action, mine: facts.mine, theirs: facts.theirs, baseVersion: facts.baseVersion, recordedAt: facts.recordedAt });
  return { outcome: 'conflict', caseId: facts.caseId, conflict: row };
}

export async function auditSync(ctx: SyncContext, action: string, entity: { type: 'case' | 'task'; id: string }, changes: Record<string, unknown>): Promise<void> {
  await recordAudit(ctx.em, {
    actor: { userId: ctx.principal.userId, role: ctx.principal.role },
    action,
    entityType: entity.type,
    entityId: entity.id,
    ip: ctx.ip,
    changes,
    idempotencyKey: `${action}:${ctx.idempotencyKey}`,
  });
}
