/** Small conversions the read-model writers share. */

/** Thailand keeps UTC+7 all year: the logbook day of an instant is its date in Bangkok. */
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Every column of `row` but its key: a newer snapshot overwrites the whole row. */
export function updatable<R extends object>(row: R, key: keyof R & string): Array<keyof R & string> {
  return (Object.keys(row) as Array<keyof R & string>).filter((f) => f !== key);
}

export function toDate(iso: string | null | undefined): Date | null {
  return iso ? new Date(iso) : null;
}

export function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function bangkokDate(iso: string): string {
  return new Date(Date.parse(iso) + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
}
