import type { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_NOTIFICATION_KINDS, digestKinds, type NotificationDelivery, type NotificationKind, type NotificationPreferencesBody, type NotificationPreferencesView } from '../domain/contract/notifications';
import type { Role } from '../workflows/roles';

/**
 * Notification preferences and the daily digest's bookkeeping (migration notifications). Plain
 * SQL over two small tables: the claim below must be one statement to be safe under races.
 */

interface PreferenceRow {
  email: string | null;
  kinds: Partial<Record<NotificationKind, NotificationDelivery>>;
  updated_at: Date;
}

/** Every kind is named: a kind added after a user saved reads as in-app until they choose. */
function completeKinds(stored: Partial<Record<NotificationKind, NotificationDelivery>>): Record<NotificationKind, NotificationDelivery> {
  const pick = (kind: NotificationKind): NotificationDelivery => (stored[kind] === 'dailyDigest' ? 'dailyDigest' : 'inApp');
  return { reminder: pick('reminder'), overdue: pick('overdue'), escalated: pick('escalated'), taskAssigned: pick('taskAssigned') };
}

export async function readPreferences(em: EntityManager, userId: string): Promise<NotificationPreferencesView> {
  const [row] = await em.execute<PreferenceRow[]>('select email, kinds, updated_at from notification_preference where user_id = ?', [userId]);
  if (!row) return { email: null, kinds: { ...DEFAULT_NOTIFICATION_KINDS }, updatedAt: null };
  return { email: row.email, kinds: completeKinds(row.kinds), updatedAt: new Date(row.updated_at).toISOString() };
}

/** One statement: the whole choice replaces the last one, so a repeated PUT changes nothing more. */
export async function savePreferences(em: EntityManager, userId: string, choice: NotificationPreferencesBody): Promise<NotificationPreferencesView> {
  await em.execute(
    `insert into notification_preference (user_id, email, kinds, updated_at) values (?, ?, ?::jsonb, now())
     on conflict (user_id) do update set email = excluded.email, kinds = excluded.kinds, updated_at = excluded.updated_at`,
    [userId, choice.email, JSON.stringify(choice.kinds)],
  );
  return readPreferences(em, userId);
}

/** Someone who asked for the digest: who they are, where their work lies, and what to tell them. */
export interface DigestRecipient {
  userId: string;
  displayName: string;
  email: string;
  role: Role;
  provinceCode: string | null;
  districtCode: string | null;
  subdistrictCode: string | null;
  agencyCode: string | null;
  kinds: NotificationKind[];
}

interface RecipientRow {
  id: string;
  display_name: string;
  email: string;
  role: Role;
  province_code: string | null;
  district_code: string | null;
  subdistrict_code: string | null;
  agency_code: string | null;
  kinds: Partial<Record<NotificationKind, NotificationDelivery>>;
}

/** Active accounts with an address and at least one kind by digest, in a stable order (a resumed run walks the same list). */
export async function digestRecipients(em: EntityManager): Promise<DigestRecipient[]> {
  const rows = await em.execute<RecipientRow[]>(
    `select u.id, u.display_name, p.email, u.role, u.province_code, u.district_code, u.subdistrict_code, u.agency_code, p.kinds
       from notification_preference p join app_user u on u.id = p.user_id
      where u.active and p.email is not null
        and exists (select 1 from jsonb_each_text(p.kinds) k where k.value = 'dailyDigest')
      order by u.id`,
  );
  return rows.map((row) => ({
    userId: row.id,
    displayName: row.display_name,
    email: row.email,
    role: row.role,
    provinceCode: row.province_code,
    districtCode: row.district_code,
    subdistrictCode: row.subdistrict_code,
    agencyCode: row.agency_code,
    kinds: digestKinds(completeKinds(row.kinds)),
  }));
}

/**
 * A claim taken this long ago whose e-mail was never marked sent belongs to a run that died
 * mid-send (a killed worker): the next run takes it over. Longer than one send can take.
 */
const STALE_CLAIM_MINUTES = 15;

/**
 * Claims the user's digest for the Bangkok day before sending: true for exactly one caller, even
 * when the Schedule fires twice or the activity is retried, until the claim is released.
 */
export async function claimDigest(em: EntityManager, userId: string, day: string): Promise<boolean> {
  const claimed = await em.execute<Array<{ user_id: string }>>(
    `insert into digest_sent (user_id, day) values (?, ?::date)
     on conflict (user_id, day) do update set claimed_at = now()
      where digest_sent.sent_at is null and digest_sent.claimed_at < now() - make_interval(mins => ?)
     returning user_id`,
    [userId, day, STALE_CLAIM_MINUTES],
  );
  return claimed.length === 1;
}

export async function markDigestSent(em: EntityManager, userId: string, day: string, itemCount: number, messageId: string | null): Promise<void> {
  await em.execute('update digest_sent set sent_at = now(), item_count = ?, message_id = ? where user_id = ? and day = ?::date', [itemCount, messageId, userId, day]);
}

/** The send failed: the claim goes, so the activity's retry sends it. */
export async function releaseDigest(em: EntityManager, userId: string, day: string): Promise<void> {
  await em.execute('delete from digest_sent where user_id = ? and day = ?::date and sent_at is null', [userId, day]);
}
