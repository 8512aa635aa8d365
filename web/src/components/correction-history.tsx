import { formatBaht, formatDateTime, formatYear } from '../format';
import { label, useI18n } from '../i18n';
import type { TimelineEventView } from '../types';
import { Actor } from './names';

/**
 * The history of one corrected record (a relief, an activity, the analysis, the problems, the
 * plan, a member): who, when, why, and each field before → after, read from the case's timeline,
 * where the server resolves who acted to a name. Values are shown as the official reads them:
 * labels for coded values, the birth year in the user's era, never a national ID (the timeline
 * only says it was added, changed or removed).
 */
export type Change = { item?: string; ref?: string; taskId?: string; change?: string; reason?: string; before?: Record<string, unknown>; after?: Record<string, unknown> };
const changeOf = (e: TimelineEventView): Change => (e.detail ?? {}) as Change;

interface ProblemText {
  id: string;
  dimension: string;
  indicator: string;
  description: string;
}
interface PlanItemText {
  dimension: string;
  action: string;
  supportBy: string;
}
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const problemsIn = (v: unknown): ProblemText[] => (Array.isArray(v) ? v.filter((p): p is ProblemText => isObject(p) && typeof p.id === 'string' && typeof p.description === 'string') : []);
const itemsIn = (v: unknown): PlanItemText[] => (Array.isArray(v) ? v.filter((i): i is PlanItemText => isObject(i) && typeof i.action === 'string') : []);

function useShown() {
  const { t, lang } = useI18n();
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '–';
    if (field === 'birthYear' && typeof value === 'number') return formatYear(value, lang);
    if (typeof value === 'number') return formatBaht(value, lang);
    if (typeof value !== 'string') return '…';
    if (field === 'nationalId') return t.corrections.idChanges[value] ?? '•••';
    if (field === 'householdType') return label(t.householdTypes, value);
    if (field === 'goal') return label(t.goals, value);
    if (field === 'sex') return label(t.corrections.sexes, value);
    if (field === 'dimension') return label(t.dimensions, value);
    return value;
  };
}

function FieldChange({ field, before, after }: { field: string; before: unknown; after: unknown }) {
  const { t } = useI18n();
  const shown = useShown();
  return (
    <li>
      {t.corrections.fields[field] ?? field}: {shown(field, before)} → {shown(field, after)}
    </li>
  );
}

/** A problem in words: "[รายได้] I3 รายได้ต่ำกว่าเกณฑ์". */
function useProblemText() {
  const { t } = useI18n();
  return (p: ProblemText) => `[${label(t.dimensions, p.dimension)}] ${p.indicator} ${p.description}`;
}

function ProblemChanges({ c }: { c: Change }) {
  const { t } = useI18n();
  const text = useProblemText();
  const before = problemsIn(c.before?.problems);
  const was = (id: string) => {
    const problem = before.find((p) => p.id === id);
    return problem ? text(problem) : '–';
  };
  const removed = Array.isArray(c.after?.removed) ? c.after.removed.filter((id): id is string => typeof id === 'string') : [];
  return (
    <ul>
      {removed.map((id) => (
        <li key={`r${id}`}>
          {t.corrections.problemRemoved}: <s>{was(id)}</s>
        </li>
      ))}
      {problemsIn(c.after?.changed).map((p) => (
        <li key={`c${p.id}`}>
          {t.corrections.problemChanged}: {was(p.id)} → {text(p)}
        </li>
      ))}
      {problemsIn(c.after?.added).map((p) => (
        <li key={`a${p.id}`}>
          {t.corrections.problemAdded}: {text(p)}
        </li>
      ))}
    </ul>
  );
}

function PlanChanges({ c }: { c: Change }) {
  const { t } = useI18n();
  const items = (v: unknown) => itemsIn(v).map((i) => `[${label(t.dimensions, i.dimension)}] ${i.action} (${i.supportBy})`).join('; ') || '–';
  const goalChanged = c.before?.goal !== c.after?.goal;
  const itemsChanged = items(c.before?.items) !== items(c.after?.items);
  return (
    <ul>
      {goalChanged && <FieldChange field="goal" before={c.before?.goal} after={c.after?.goal} />}
      {itemsChanged && (
        <li>
          {t.corrections.planItems}: {items(c.before?.items)} → {items(c.after?.items)}
        </li>
      )}
    </ul>
  );
}

function Changes({ c }: { c: Change }) {
  if (c.change === 'void') return null;
  if (c.item === 'problems') return <ProblemChanges c={c} />;
  if (c.item === 'plan') return <PlanChanges c={c} />;
  const fields = Object.keys({ ...c.before, ...c.after });
  return (
    <ul>
      {fields.map((f) => (
        <FieldChange key={f} field={f} before={c.before?.[f]} after={c.after?.[f]} />
      ))}
    </ul>
  );
}

/** The corrections of one record, oldest first. */
export function CorrectionHistory({ events, match }: { events: TimelineEventView[]; match: (c: Change) => boolean }) {
  const { t, lang } = useI18n();
  const mine = events.filter((e) => e.type === 'corrected' && match(changeOf(e))).sort((a, b) => a.seq - b.seq);
  if (mine.length === 0) return null;
  return (
    <details class="correction-history">
      <summary>
        {t.corrections.history} ({mine.length})
      </summary>
      <ol>
        {mine.map((e) => {
          const c = changeOf(e);
          return (
            <li key={e.seq}>
              <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time> <strong>{c.change === 'void' ? t.corrections.voided : t.corrections.amended}</strong> {t.people.by} <Actor actor={e.by} timer={false} />
              <Changes c={c} />
              {c.reason && (
                <div class="note">
                  {t.form.reason}: {c.reason}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </details>
  );
}
