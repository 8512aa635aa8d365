import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { NotificationSettings } from '../../common/config';
import type { NotificationChannel, NotificationMessage } from './channel';

function mailOf(from: string, message: NotificationMessage) {
  return {
    from,
    to: { name: message.recipient.displayName, address: message.recipient.email },
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: `<${message.id}@kaejon>`,
  };
}

/** E-mail through an SMTP server (SMTP_URL: nodemailer's connection URL, smtps:// on 465 or smtp:// with STARTTLS; `?pool=true` keeps connections open). */
export function smtpChannel(smtpUrl: string, from: string): NotificationChannel {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    name: 'smtp',
    async send(message) {
      const info = await transport.sendMail(mailOf(from, message));
      if (info.rejected.length > 0) throw new Error(`the SMTP server refused the recipient of message ${message.id}`);
      return { messageId: info.messageId ?? null };
    },
    close: () => transport.close(),
  };
}

/**
 * The same e-mail written as an .eml file into a folder (`npm start`: .data/mailbox/), which any
 * mail program opens: the digest can be read on a machine with no mail server.
 */
export function fileChannel(folder: string, from: string): NotificationChannel {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    name: 'file',
    async send(message) {
      const info = await transport.sendMail(mailOf(from, message));
      await mkdir(folder, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      await writeFile(path.join(folder, `${stamp}-${randomBytes(4).toString('hex')}.eml`), info.message);
      return { messageId: info.messageId ?? null };
    },
    close: () => transport.close(),
  };
}

/** The channel the settings name (KAEJON_NOTIFY_CHANNEL); a new channel is one more entry here. */
export function channelFromSettings(settings: NotificationSettings): NotificationChannel {
  switch (settings.channel) {
    case 'smtp':
      return smtpChannel(settings.smtpUrl ?? '', settings.from);
    case 'file':
      return fileChannel(settings.mailboxDir, settings.from);
  }
}
