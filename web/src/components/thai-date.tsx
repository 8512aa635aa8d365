import { useEffect, useRef, useState } from 'preact/hooks';
import { fiscalYearOf } from '../../../domain/fiscal-year';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { isoFromTyped, typedDate } from '../thai-date';

/**
 * A date field as officials write dates: "31/03/2570" in the Buddhist era (Gregorian in English),
 * typed on the number keyboard or picked from the browser's calendar, with the date in words and
 * its fiscal year below. `value` and `onChange` carry Gregorian YYYY-MM-DD, what the API takes.
 * A day that does not exist, or one outside min/max, keeps the form from submitting, with a reason.
 */
export function ThaiDateInput({ id, value, onChange, required, min, max }: { id: string; value: string; onChange(iso: string): void; required?: boolean; min?: string; max?: string }) {
  const { t, lang } = useI18n();
  const [text, setText] = useState(() => typedDate(value, lang));
  const field = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  // A value set from outside (the calendar, a reset after saving, the language switch) rewrites the text.
  useEffect(() => {
    if (isoFromTyped(text, lang) !== value) setText(typedDate(value, lang));
  }, [value, lang]);

  const problem = (typed: string): string => {
    if (!typed.trim()) return '';
    const iso = isoFromTyped(typed, lang);
    if (!iso) return t.dates.invalid;
    if (max && iso > max) return t.dates.notAfter(formatDate(max, lang));
    if (min && iso < min) return t.dates.notBefore(formatDate(min, lang));
    return '';
  };
  const onInput = (typed: string) => {
    setText(typed);
    field.current?.setCustomValidity(problem(typed));
    const iso = isoFromTyped(typed, lang);
    if (iso) onChange(iso);
    else if (!typed.trim()) onChange('');
  };
  const hintId = `${id}-hint`;
  const valid = value && !problem(text);
  return (
    <>
      <span class="thai-date" role="group">
        <input
          ref={field}
          id={id}
          type="text"
          inputMode="numeric"
          autocomplete="off"
          placeholder={t.dates.placeholder}
          required={required}
          value={text}
          aria-describedby={hintId}
          onInput={(e) => onInput((e.target as HTMLInputElement).value)}
        />
        <button type="button" class="secondary outline" aria-label={t.dates.calendar} onClick={() => picker.current?.showPicker()}>
          {/* Drawn, not an emoji: a phone without an emoji font (and the test browser) showed an empty button. */}
          <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
            <rect x="3" y="5" width="18" height="16" rx="2" />
            <path d="M16 3v4M8 3v4M3 10h18" />
          </svg>
        </button>
        {/* The browser's own calendar, opened by the button; its value is Gregorian like the API's. */}
        <input ref={picker} type="date" class="sr-only" tabIndex={-1} aria-hidden="true" aria-label={t.dates.calendar} value={value} min={min} max={max} onChange={(e) => onInput(typedDate((e.target as HTMLInputElement).value, lang))} />
      </span>
      <small id={hintId} aria-live="polite">
        {valid ? `${formatDate(value, lang)} · ${t.reports.fiscalYear} ${fiscalYearOf(new Date(`${value}T12:00:00+07:00`))}` : t.dates.hint}
      </small>
    </>
  );
}
