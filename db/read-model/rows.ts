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

/**
 * Whether two values are equal as JSON would store them: key order and keys whose value is
 * undefined do not matter (a snapshot read back from jsonb has neither), dates compare by instant.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  const defined = (o: object) => Object.entries(o).filter(([, v]) => v !== undefined);
  const left = defined(a);
  const right = new Map(defined(b));
  return left.length === right.size && left.every(([k, v]) => right.has(k) && sameJson(v, right.get(k)));
}
