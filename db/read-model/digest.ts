import type { EntityManager } from '@mikro-orm/postgresql';
import type { NotificationKind } from '../../domain/contract/notifications';
import { areaCondition } from '../../domain/scope';
import type { DigestRecipient } from '../notifications';

/**
 * What the daily digest lists for one person: their open inbox items (the same rule as "my
 * tasks": their role, their area, an agency's own tasks) of the kinds they chose for e-mail.
 * Only what a message may carry: the kind, the stage, the due date, the head of household's name
 * and the village, subdistrict and district names (no national IDs, no house codes).
 */
export interface DigestItem {
  /** Which of the person's chosen kinds brought the item in (the first, in NOTIFICATION_KINDS order). */
  kind: NotificationKind;
  stage: string | null;
  dueAt: string | null;
  overdue: boolean;
  householdId: string | null;
  taskId: string | null;
  headName: string | null;
  villageNo: string | null;
  subdistrictName: string | null;
  districtName: string | null;
}

/** How each kind of notification reads the inbox (its kinds: db/read-model/inbox.ts). */
const KIND_CONDITIONS: Record<NotificationKind, string> = {
  reminder: `i.kind = 'reminder'`,
  overdue: `i.kind in ('work', 'task') and i.due_at < now()`,
  escalated: `i.kind = 'escalation'`,
  taskAssigned: `i.kind = 'task'`,
};

/** A digest lists at most this many items and says how many more wait in the app. */
export const DIGEST_MAX_ITEMS = 50;

interface DigestRow {
  kind: NotificationKind;
  stage: string | null;
  due_at: Date | null;
  overdue: boolean;
  household_id: string | null;
  task_id: string | null;
  head_name: string | null;
  village_no: string | null;
  subdistrict_th: string | null;
  district_th: string | null;
  total: number;
}

export async function digestItems(em: EntityManager, recipient: DigestRecipient): Promise<{ items: DigestItem[]; total: number }> {
  if (recipient.kinds.length === 0) return { items: [], total: 0 };
  const area = areaCondition({ ...recipient, username: '' }, 'i');
  const matched = `case ${recipient.kinds.map((kind) => `when ${KIND_CONDITIONS[kind]} then '${kind}'`).join(' ')} end`;
  const agency = recipient.role === 'agency' ? 'and i.agency_code = ?' : '';
  const rows = await em.execute<DigestRow[]>(
    `select matched.*, count(*) over ()::int as total from (
       select ${matched} as kind, i.stage, i.due_at, coalesce(i.due_at < now(), false) as overdue, h.id as household_id, i.task_id,
              h.head_name, h.village_no, s.name_th as subdistrict_th, d.name_th as district_th
         from inbox_item i
         left join household_case hc on hc.id = i.case_id
         left join household h on h.id = hc.household_id
         left join subdistrict s on s.code = i.subdistrict_code
         left join district d on d.code = i.district_code
        where i.resolved_at is null and i.owner_role = ? ${agency} and ${area.sql}
     ) matched
     where kind is not null
     order by overdue desc, due_at asc nulls last, head_name asc
     limit ?`,
    [recipient.role, ...(recipient.role === 'agency' ? [recipient.agencyCode ?? ''] : []), ...area.params, DIGEST_MAX_ITEMS],
  );
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((row) => ({
      kind: row.kind,
      stage: row.stage,
      dueAt: row.due_at ? new Date(row.due_at).toISOString() : null,
      overdue: row.overdue,
      householdId: row.household_id,
      taskId: row.task_id,
      headName: row.head_name,
      villageNo: row.village_no,
      subdistrictName: row.subdistrict_th,
      districtName: row.district_th,
    })),
  };
}
