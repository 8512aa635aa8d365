import type { NotificationKind } from '../../domain/contract/notifications';
import { NOTIFICATION_KINDS } from '../../domain/vocabulary';
import type { DigestItem } from '../../db/read-model/digest';
import type { DigestRecipient } from '../../db/notifications';
import type { NotificationMessage } from './channel';

/**
 * The daily digest as one Thai e-mail: what needs the person, grouped by kind, each item a link
 * into the web UI. Words the web UI also says (web/src/i18n-th.ts); dates in the Buddhist era.
 */
const HEADINGS: Record<NotificationKind, string> = {
  reminder: 'ใกล้ครบกำหนด',
  overdue: 'เกินกำหนด',
  escalated: 'ยกระดับมาถึงคุณ',
  taskAssigned: 'งานที่มอบหมายให้หน่วยงานของคุณ',
};

const WORK: Record<string, string> = {
  verification: 'ตรวจสอบข้อมูลครัวเรือนเป้าหมาย',
  analysis: 'วิเคราะห์ 4ท และจัดทำแผนพัฒนาครัวเรือน',
  districtAssignment: 'มอบหมายหน่วยงานแก้ไขปัญหา',
  assistance: 'ให้ความช่วยเหลือ',
  followUp: 'ติดตามผล',
};

const thaiDate = (iso: string): string => new Intl.DateTimeFormat('th-TH-u-ca-buddhist', { dateStyle: 'long', timeZone: 'Asia/Bangkok' }).format(new Date(iso));

/** "สมชาย ใจดี หมู่ 3 ต.ธานี อ.เมืองสุโขทัย": whom and where, by name only. */
function whom(item: DigestItem): string {
  const place = [item.villageNo ? `หมู่ ${item.villageNo}` : '', item.subdistrictName ? `ต.${item.subdistrictName}` : '', item.districtName ? `อ.${item.districtName}` : ''].filter(Boolean).join(' ');
  return [item.headName ?? 'ครัวเรือน', place].filter(Boolean).join(' ');
}

function line(item: DigestItem): string {
  const work = item.taskId ? 'งานช่วยเหลือของหน่วยงาน' : (WORK[item.stage ?? ''] ?? 'งาน');
  const due = item.dueAt ? ` · กำหนด ${thaiDate(item.dueAt)}${item.overdue ? ' (เกินกำหนด)' : ''}` : '';
  return `${work}: ${whom(item)}${due}`;
}

function linkOf(publicUrl: string, item: DigestItem): string {
  if (item.taskId) return `${publicUrl}/#/tasks/${encodeURIComponent(item.taskId)}`;
  return item.householdId ? `${publicUrl}/#/households/${encodeURIComponent(item.householdId)}` : `${publicUrl}/#/`;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function digestMessage(recipient: DigestRecipient, day: string, items: DigestItem[], total: number, publicUrl: string): NotificationMessage {
  const dayText = thaiDate(`${day}T12:00:00+07:00`);
  const subject = `แก้จน: งานที่รอคุณ ${total} รายการ (${dayText})`;
  const groups = NOTIFICATION_KINDS.map((kind) => ({ kind, items: items.filter((item) => item.kind === kind) })).filter((group) => group.items.length > 0);
  const more = total > items.length ? total - items.length : 0;
  const inbox = `${publicUrl}/#/`;
  const settings = `${publicUrl}/#/notifications`;

  const text = [
    `เรียน ${recipient.displayName}`,
    '',
    `สรุปงานที่รอคุณ ประจำวันที่ ${dayText}`,
    ...groups.flatMap((group) => ['', `${HEADINGS[group.kind]} (${group.items.length})`, ...group.items.flatMap((item) => [`- ${line(item)}`, `  ${linkOf(publicUrl, item)}`])]),
    ...(more ? ['', `และอีก ${more} รายการในระบบ`] : []),
    '',
    `เปิดงานของฉัน: ${inbox}`,
    `ตั้งค่าการแจ้งเตือน: ${settings}`,
  ].join('\n');

  const html = [
    `<p>เรียน ${escapeHtml(recipient.displayName)}</p>`,
    `<p>สรุปงานที่รอคุณ ประจำวันที่ ${escapeHtml(dayText)}</p>`,
    ...groups.map(
      (group) =>
        `<h3>${HEADINGS[group.kind]} (${group.items.length})</h3><ul>${group.items.map((item) => `<li><a href="${escapeHtml(linkOf(publicUrl, item))}">${escapeHtml(line(item))}</a></li>`).join('')}</ul>`,
    ),
    ...(more ? [`<p>และอีก ${more} รายการในระบบ</p>`] : []),
    `<p><a href="${escapeHtml(inbox)}">เปิดงานของฉัน</a> · <a href="${escapeHtml(settings)}">ตั้งค่าการแจ้งเตือน</a></p>`,
  ].join('\n');

  return { id: `digest-${day}-${recipient.userId}`, recipient: { userId: recipient.userId, displayName: recipient.displayName, email: recipient.email }, subject, text, html };
}
