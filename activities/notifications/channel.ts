/**
 * A way to reach a person outside the app. The digest composes one message and hands it to the
 * configured channel; SMTP and a file mailbox are built in (channels.ts), and LINE or SMS is one
 * more implementation of this interface (docs/DEPLOYMENT.md, "Notifications").
 */
export interface NotificationMessage {
  /** A stable ID for this message (the user and day), so a receiving system can drop a duplicate. */
  id: string;
  recipient: { userId: string; displayName: string; email: string };
  /** Thai; names only, never national IDs or house codes. */
  subject: string;
  text: string;
  html: string;
}

export interface NotificationChannel {
  readonly name: string;
  /** Resolves once the channel has accepted the message; throws when it has not (the digest retries). */
  send(message: NotificationMessage): Promise<{ messageId: string | null }>;
  close(): void;
}
