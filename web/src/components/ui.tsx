import { cloneElement, createContext, type ComponentChildren, type JSX } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { errorText } from '../error-text';
import type { MoreList } from '../hooks';
import { ConfirmDialog } from './confirm';
import { formatDate, isPast } from '../format';
import { label, useI18n } from '../i18n';

/** The value of the input, select or textarea an event came from. */
export const inputValue = (e: Event): string => (e.target as HTMLInputElement).value;

/**
 * An error as the user should read it: the sentence for its code in the user's language, and the
 * field it concerns in words. The server's message (English, for developers) is never shown.
 */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const { text, field } = errorText(error instanceof ApiError ? error : { status: 0 }, t.errors);
  return (
    <p role="alert" class="error" data-code={error instanceof ApiError ? error.code : undefined}>
      {text}
      {field && (
        <small>
          {' '}
          ({t.errorField}: {field})
        </small>
      )}
    </p>
  );
}

export function Loading() {
  const { t } = useI18n();
  return <p aria-busy="true">{t.loading}</p>;
}

/** Renders `children` with the data, or the loading state, or the error. */
export function Loaded<T>({ resource, children }: { resource: { data: T | undefined; error: unknown; loading: boolean }; children: (data: T) => ComponentChildren }) {
  if (resource.error) return <ErrorMessage error={resource.error} />;
  if (resource.data === undefined) return <Loading />;
  return <>{children(resource.data)}</>;
}

/**
 * A case's stage in words. While the province holds an escalated case, awaiting assignment is the
 * province's to do, so the badge says where the case is ("อยู่ที่ ศจพ.จ."), not "รอ ศจพ.อ. มอบหมาย".
 */
export function StageBadge({ stage, assignmentLevel }: { stage: string | null; assignmentLevel?: string | null }) {
  const { t } = useI18n();
  if (!stage) return null;
  if (stage === 'districtAssignment' && assignmentLevel === 'province') return <span class="badge warn stage-province">{t.caseAt.province}</span>;
  return <span class={`badge stage-${stage}`}>{label(t.stages, stage)}</span>;
}

/** A due date, marked when it has passed. */
export function Due({ at, overdue }: { at: string | null; overdue?: boolean }) {
  const { t, lang } = useI18n();
  const late = overdue ?? isPast(at);
  return (
    <span class={late ? 'due late' : 'due'}>
      {formatDate(at, lang)}
      {late && <span class="badge danger">{t.household.overdue}</span>}
    </span>
  );
}

/**
 * A wide table scrolls sideways inside its own box, reachable by keyboard. With `cards`, below
 * 600 px each row becomes a card instead (styles.css): the first cell is the card's title and
 * the others show their `data-label` before the value, so nothing is pushed off a phone's screen.
 */
export function TableWrap({ label: name, children, cards }: { label: string; children: ComponentChildren; cards?: boolean }) {
  return (
    <div class={cards ? 'table-wrap as-cards' : 'table-wrap'} role="region" aria-label={name} tabIndex={0}>
      <table class={cards ? 'striped cards-below-600' : 'striped'}>{children}</table>
    </div>
  );
}

export function Counter({ value, name, tone }: { value: number; name: string; tone?: 'danger' | 'warn' }) {
  return (
    <div class={`counter ${tone ?? ''}`}>
      <strong>{value.toLocaleString()}</strong>
      <span>{name}</span>
    </div>
  );
}

/** The last refusal of the ActionForm around a Field, so the field it names can say it beside itself. */
const FormError = createContext<unknown>(null);

let fieldSeq = 0;
/**
 * A labelled control; `render` receives the id to put on the control. `apiField` is the body field
 * the control fills ("birthYear", "change[0].description"): when the server refuses naming it, the
 * refusal's sentence shows under the control, which is marked invalid.
 */
export function Field({ name, hint, apiField, children }: { name: string; hint?: string; apiField?: string; children: (id: string) => JSX.Element }) {
  const [id] = useState(() => `f${++fieldSeq}`);
  const { t } = useI18n();
  const error = useContext(FormError);
  const refused = apiField !== undefined && error instanceof ApiError && error.field === `body.${apiField}` ? errorText(error, t.errors).text : null;
  const control = children(id);
  return (
    <label for={id}>
      {name}
      {refused ? cloneElement(control, { 'aria-invalid': 'true', 'aria-describedby': `${id}-error` }) : control}
      {refused && (
        <small id={`${id}-error`} class="field-error">
          {refused}
        </small>
      )}
      {hint && <small>{hint}</small>}
    </label>
  );
}

export function Select({ id, value, options, onChange, required, name, disabled }: { id?: string; value: string; options: Array<[string, string]>; onChange(value: string): void; required?: boolean; name?: string; disabled?: boolean }) {
  return (
    <select id={id} name={name} value={value} required={required} disabled={disabled} onChange={(e) => onChange(inputValue(e))}>
      {options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </select>
  );
}

/** Options from a label map, in the map's order. */
export const optionsOf = (map: Record<string, string>, codes?: readonly string[]): Array<[string, string]> => (codes ?? Object.keys(map)).map((code) => [code, map[code] ?? code]);

/**
 * A form that runs one API call: it disables itself while saving, shows the server's reason
 * (naming the field) on failure, and calls `onDone` with the answer. With `confirm`, an action
 * that cannot be taken back asks once first, saying what will happen.
 */
export function ActionForm<T>({
  submit,
  onDone,
  children,
  label: buttonLabel,
  tone,
  confirm,
}: {
  submit: () => Promise<T>;
  onDone(result: T): void;
  children?: ComponentChildren;
  label: string;
  tone?: 'secondary' | 'contrast';
  confirm?: string;
}) {
  const { t } = useI18n();
  const [saving, setSaving] = useState(false);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (confirm) setAsking(true);
    else void run();
  };
  const run = async () => {
    setAsking(false);
    setSaving(true);
    setError(null);
    try {
      onDone(await submit());
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <form onSubmit={onSubmit}>
      <FormError.Provider value={error}>{children}</FormError.Provider>
      <ErrorMessage error={error} />
      <button type="submit" class={tone} disabled={saving} aria-busy={saving}>
        {saving ? t.saving : buttonLabel}
      </button>
      {confirm && <ConfirmDialog open={asking} text={confirm} confirmLabel={buttonLabel} onConfirm={() => void run()} onCancel={() => setAsking(false)} />}
    </form>
  );
}

/**
 * Baht or a count of items. No min or step for the browser to enforce: a negative amount or a
 * third decimal goes to the server, whose refusal (AMOUNT_INVALID) shows in the user's language
 * under the field, instead of a browser bubble in the browser's language.
 */
export function AmountInput({ id, value, onInput, unit }: { id: string; value: string; onInput(value: string): void; unit: 'baht' | 'items' }) {
  return <input id={id} type="number" inputMode={unit === 'baht' ? 'decimal' : 'numeric'} step="any" required value={value} onInput={(e) => onInput(inputValue(e))} />;
}

/**
 * What a save just recorded: "✓ text", then whatever the page adds (the next step, a link on). It
 * takes the focus when it appears and whenever `focusKey` changes, so a phone scrolls to it and a
 * screen reader reads it.
 */
export function SavedNotice({ text, focusKey, children }: { text: string; focusKey?: unknown; children?: ComponentChildren }) {
  const notice = useRef<HTMLParagraphElement>(null);
  useEffect(() => notice.current?.focus(), [focusKey ?? text]);
  return (
    <p ref={notice} role="status" class="notice saved" tabIndex={-1}>
      <strong>✓ {text}</strong>
      {children}
    </p>
  );
}

/** "Show more" under a list that has more rows than it shows, with how many it shows. */
export function MoreButton({ list }: { list: MoreList<unknown> }) {
  const { t } = useI18n();
  if (list.items.length >= list.total) return null;
  return (
    <div class="more-items">
      {list.error !== undefined && <ErrorMessage error={list.error} />}
      <button type="button" class="secondary outline" aria-busy={list.busy} disabled={list.busy} onClick={list.more}>
        {t.paging.more(list.items.length, list.total)}
      </button>
    </div>
  );
}
