import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The logbook follows corrections (docs/PROGRAM.md, "Corrections"): an amended activity or relief
 * overwrites these fields of its row, and a voided one is deleted, so the reports that sum the
 * logbook (agency monthly figures, dimensions, the district grade's "has an activity") recompute
 * without it. The voided entry itself stays in the workflow's state and the case timeline, with
 * its reason. Both writes run behind the snapshot's version guard, so an older snapshot never
 * brings a voided row back.
 */
export const CORRECTABLE_LOGBOOK_FIELDS = ['date', 'kind', 'description', 'baht', 'items'] as const satisfies Array<'date' | 'kind' | 'description' | 'baht' | 'items'>;

export async function deleteLogbookEntries(em: EntityManager, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await em.execute('delete from logbook_entry where id in (select jsonb_array_elements_text(?::jsonb))', [JSON.stringify(ids)], 'run');
}
