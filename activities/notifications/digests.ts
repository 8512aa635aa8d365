import { heartbeat } from '@temporalio/activity';
import type { Logger } from '../../common/logger';
import { claimDigest, digestRecipients, markDigestSent, releaseDigest } from '../../db/notifications';
import type { Orm } from '../../db/orm';
import { digestItems } from '../../db/read-model/digest';
import type { DigestRunResult } from '../../workflows/daily-digest/messages';
import type { NotificationChannel } from './channel';
import { digestMessage } from './digest-message';

export interface DigestDeps {
  orm: Orm;
  logger: Logger;
  channel: NotificationChannel;
  publicUrl: string;
}

/**
 * One e-mail per person and Bangkok day. Each person's digest is claimed in `digest_sent` before
 * it is sent, so a second run the same day (the Schedule firing twice, a retried activity) skips
 * whoever already has theirs; a failed send releases its claim and fails the activity, whose retry
 * sends only what is still missing. Nobody with nothing waiting gets an e-mail.
 */
export async function sendDailyDigests({ orm, logger, channel, publicUrl }: DigestDeps, day: string): Promise<DigestRunResult> {
  const em = orm.em.fork();
  const result: DigestRunResult = { day, recipients: 0, sent: 0, alreadySent: 0, nothingToSend: 0 };
  const recipients = await digestRecipients(em);
  result.recipients = recipients.length;
  let failure: unknown = null;
  for (const recipient of recipients) {
    heartbeat(result);
    const { items, total } = await digestItems(em, recipient);
    if (total === 0) {
      result.nothingToSend++;
      continue;
    }
    if (!(await claimDigest(em, recipient.userId, day))) {
      result.alreadySent++;
      continue;
    }
    try {
      const { messageId } = await channel.send(digestMessage(recipient, day, items, total, publicUrl));
      await markDigestSent(em, recipient.userId, day, total, messageId);
      result.sent++;
    } catch (error) {
      await releaseDigest(em, recipient.userId, day);
      // The user and the failure's codes only: an SMTP refusal quotes the address, which stays out of logs.
      const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
      logger.warn({ userId: recipient.userId, channel: channel.name, code, responseCode }, 'digest not delivered; the retry sends it');
      failure = error;
    }
  }
  // The others went out; failing now makes Temporal retry only the ones released above.
  if (failure) throw failure;
  return result;
}
