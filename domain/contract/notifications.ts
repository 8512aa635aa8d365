import { Type, type Static } from '@sinclair/typebox';
import { NOTIFICATION_DELIVERIES, NOTIFICATION_KINDS } from '../vocabulary';
import { literals } from './common';

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type NotificationDelivery = (typeof NOTIFICATION_DELIVERIES)[number];

const Delivery = literals(NOTIFICATION_DELIVERIES);

/**
 * An address a person types on a phone: one mailbox, no display name, no line breaks (which would
 * let a value add mail headers). ajv-formats' `email` is the check; the length is RFC 5321's.
 */
export const NotificationEmail = Type.String({ format: 'email', maxLength: 254, description: 'Where the daily digest goes: your own work address' });

/** One delivery per kind; every kind is named, so a new kind is a change to this contract. */
export const NotificationKindsChoice = Type.Object(
  {
    reminder: Delivery,
    overdue: Delivery,
    escalated: Delivery,
    taskAssigned: Delivery,
  } satisfies Record<NotificationKind, typeof Delivery>,
  { additionalProperties: false, description: 'For each kind: inApp (the inbox only) or dailyDigest (the inbox and one e-mail a day)' },
);

/** PUT /me/notifications: the whole choice at once, so a retry or a second tab never half-applies. */
export const NotificationPreferencesBody = Type.Object(
  {
    email: Type.Union([NotificationEmail, Type.Null()]),
    kinds: NotificationKindsChoice,
  },
  { additionalProperties: false },
);
export type NotificationPreferencesBody = Static<typeof NotificationPreferencesBody>;

export const NotificationPreferencesView = Type.Object({
  email: Type.Union([Type.String(), Type.Null()]),
  kinds: NotificationKindsChoice,
  updatedAt: Type.Union([Type.String(), Type.Null()], { description: 'When you last saved; null: the defaults (everything in the app only)' }),
});
export type NotificationPreferencesView = Static<typeof NotificationPreferencesView>;

/** Until a person chooses, everything stays in the app: nobody gets e-mail they did not ask for. */
export const DEFAULT_NOTIFICATION_KINDS: Record<NotificationKind, NotificationDelivery> = { reminder: 'inApp', overdue: 'inApp', escalated: 'inApp', taskAssigned: 'inApp' };

/** The kinds a person chose to receive by e-mail. */
export const digestKinds = (kinds: Record<NotificationKind, NotificationDelivery>): NotificationKind[] => NOTIFICATION_KINDS.filter((kind) => kinds[kind] === 'dailyDigest');
