import { Type, type TProperties, type TSchema } from '@sinclair/typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { areaCondition, type Principal } from '../../domain/scope';

/**
 * What every read-model list shares: limit/offset paging with the total, a whitelisted `sort`
 * (`field` ascending, `-field` descending), and a WHERE clause built from fixed SQL fragments
 * with bound parameters. Sort values map to columns through a table, so a caller never reaches
 * SQL with a name of its own.
 */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
/** Deep offsets are a full scan of the skipped rows: past this, narrow the filter instead. */
export const MAX_OFFSET = 10_000;
/**
 * Totals are counted up to one page past the deepest offset: no page lies beyond, and counting a
 * whole country's cases costs a second or more on every request. A larger total comes back as this
 * number with `totalExact: false`; the reports give the exact national figures.
 */
export const TOTAL_COUNT_CAP = MAX_OFFSET + MAX_LIMIT;

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT, description: `Page size (1-${MAX_LIMIT})` })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_OFFSET, default: 0, description: 'Rows to skip' })),
};

/** A string limited to `values`, as a plain JSON Schema enum (a 400 names the field; OpenAPI lists the values). */
export function StringEnum<T extends string>(values: readonly T[], options: { description?: string; default?: T } = {}) {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });
}

/** `sort`: each field ascending or, with a leading '-', descending; plus named orders. */
export function SortQuery<F extends string, N extends string = never>(fields: readonly F[], defaultSort: F | `-${F}` | N, named: readonly N[] = []) {
  const values = [...named, ...fields.flatMap((f) => [f, `-${f}`])] as Array<F | `-${F}` | N>;
  return Type.Optional(StringEnum(values, { default: defaultSort, description: `One of ${values.join(', ')}` }));
}

/**
 * An ORDER BY from a whitelisted sort value: a named order (a whole ORDER BY of its own) or a
 * column, ascending or descending. The tie-breaker keeps pages stable.
 */
export function orderBy(sort: string, columns: Record<string, string>, tieBreaker: string, named: Record<string, string> = {}): string {
  if (Object.hasOwn(named, sort)) return `${named[sort]}, ${tieBreaker}`;
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  // The schema's enum makes an unknown value unreachable; this keeps SQL out of reach regardless.
  if (!Object.hasOwn(columns, field)) throw new Error(`sort ${sort} has no column`);
  return `${columns[field]} ${desc ? 'desc nulls last' : 'asc nulls last'}, ${tieBreaker}`;
}

export function Page<T extends TSchema>(item: T) {
  return PageWith(item, {});
}

/** A page with more fields beside the rows (the inbox's counters), typed so the UI reads them too. */
export function PageWith<T extends TSchema, E extends TProperties>(item: T, extra: E) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer({ description: `Rows matching, counted up to ${TOTAL_COUNT_CAP.toLocaleString('en')}` }),
    totalExact: Type.Boolean({ description: `false when more than ${TOTAL_COUNT_CAP.toLocaleString('en')} rows match: total is then a lower bound` }),
    limit: Type.Integer(),
    offset: Type.Integer(),
    ...extra,
  });
}

export interface PageOf<T> {
  items: T[];
  total: number;
  totalExact: boolean;
  limit: number;
  offset: number;
}

/** A WHERE clause assembled from fixed fragments, with its parameters in order. */
export class Where {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(sql: string, ...params: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }

  /** Adds the fragment only when the value is given. */
  when(value: unknown, sql: string, ...params: unknown[]): this {
    return value === undefined || value === null || value === '' ? this : this.add(sql, ...params);
  }

  /** The principal's area (see areaCondition) on a table with the three area columns. */
  area(principal: Principal, alias?: string): this {
    const { sql, params } = areaCondition(principal, alias);
    return this.add(`(${sql})`, ...params);
  }

  get sql(): string {
    return this.parts.length ? this.parts.map((p) => `(${p})`).join(' and ') : 'true';
  }
}

/** One page of rows, each through `view`, and the total matching (up to the cap), in two statements over the same FROM and WHERE. */
export async function runPage<R, T>(
  em: EntityManager,
  query: { select: string; from: string; where: Where; orderBy: string; limit?: number; offset?: number },
  view: (row: R) => T,
): Promise<PageOf<T>> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const offset = query.offset ?? 0;
  const [rows, [count]] = await Promise.all([
    em.execute<R[]>(`select ${query.select} from ${query.from} where ${query.where.sql} order by ${query.orderBy} limit ? offset ?`, [...query.where.params, limit, offset]),
    em.execute<Array<{ total: number }>>(`select count(*)::int as total from (select 1 from ${query.from} where ${query.where.sql} limit ?) as capped`, [
      ...query.where.params,
      TOTAL_COUNT_CAP + 1,
    ]),
  ]);
  const counted = count?.total ?? 0;
  return { items: rows.map(view), total: Math.min(counted, TOTAL_COUNT_CAP), totalExact: counted <= TOTAL_COUNT_CAP, limit, offset };
}

/** Escapes LIKE wildcards so a search for "50%" matches the text "50%". */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function iso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export const NullableString = Type.Union([Type.String(), Type.Null()]);
