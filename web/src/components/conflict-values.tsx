import type { AnySyncAction } from '../../../domain/contract/sync';
import { formatBaht, formatDate, formatDateTime } from '../format';
import { label, useI18n, type Lang } from '../i18n';
import type { Messages } from '../i18n-th';
import { nameOf, useSession } from '../session';
import type { Reference } from '../types';

/**
 * One side of a conflict (what the phone sent, or what the system holds) in the official's words:
 * each part by its label, codes by their names, times in the Buddhist era. Who wrote it is shown
 * by name above, so IDs (a user's, a problem's) and parts without a label are left out, never
 * shown as a code or a UUID.
 */
/** `nested`: a part of a list entry (a problem's status is the problem's, not the case's). */
type Words = (key: string, value: unknown, nested?: boolean) => string | null;

function wordsFor(action: AnySyncAction, t: Messages, lang: Lang, reference: Reference): Words {
  const area = (v: unknown) => (isRecord(v) ? [nameOf(reference.districts, str(v.districtCode), lang), nameOf(reference.provinces, str(v.provinceCode), lang)].join(' · ') : null);
  const byKey: Record<string, (v: unknown, nested: boolean) => string | null> = {
    outcome: (v) => label(action === 'verify' ? t.verifyOutcomes : t.followUpOutcomes, str(v)),
    householdType: (v) => label(t.householdTypes, str(v)),
    goal: (v) => label(t.goals, str(v)),
    stage: (v) => label(t.stages, str(v)),
    status: (v, nested) => label(nested ? t.problemStatus : action === 'activity' ? t.taskStatus : t.statuses, str(v)),
    dimension: (v) => label(t.dimensions, str(v)),
    baht: (v) => (typeof v === 'number' ? formatBaht(v, lang) : null),
    date: (v) => formatDate(str(v), lang),
    targetDate: (v) => formatDate(str(v), lang),
    at: (v) => formatDateTime(str(v), lang),
    recordedAt: (v) => formatDateTime(str(v), lang),
    recordedOnDevice: (v) => formatDateTime(str(v), lang),
    to: area,
    movedTo: area,
  };
  const words: Words = (key, value, nested = false) => {
    if (!(key in t.offline.fields) && !(key in t.corrections.fields)) return null;
    if (Array.isArray(value)) return value.map((item) => (isRecord(item) ? inline(item, words) : String(item))).join(' / ') || '–';
    if (byKey[key]) return byKey[key](value, nested);
    if (isRecord(value)) return inline(value, words);
    return value === null || value === undefined ? '–' : String(value);
  };
  return words;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const inline = (value: Record<string, unknown>, words: Words): string =>
  Object.entries(value)
    .map(([k, v]) => words(k, v, true))
    .filter((w): w is string => Boolean(w))
    .join(' · ');

export function ConflictValues({ value, action }: { value: unknown; action: AnySyncAction }) {
  const { t, lang } = useI18n();
  const { reference } = useSession();
  if (!isRecord(value)) return <p>–</p>;
  const words = wordsFor(action, t, lang, reference);
  const shown = Object.entries(value).flatMap(([key, v]) => {
    const text = words(key, v);
    return text === null ? [] : [{ key, name: t.offline.fields[key] ?? t.corrections.fields[key], text }];
  });
  if (shown.length === 0) return <p>–</p>;
  return (
    <dl class="facts">
      {shown.map(({ key, name, text }) => (
        <>
          <dt key={`${key}-name`}>{name}</dt>
          <dd key={`${key}-value`}>{text}</dd>
        </>
      ))}
    </dl>
  );
}
