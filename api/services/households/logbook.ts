import { Type, type Static } from '@sinclair/typebox';
import { actorOf, ActorView, name, NullableName, type ActorRow } from '../../views/names';
import { NullableString } from '../lists';

/** The household's logbook (TPMAP Logbook): every act of help, with totals per dimension. */
const LogbookEntryView = Type.Object({
  source: Type.String({ description: 'relief: urgent relief on a visit; task: an activity an agency logged on its task' }),
  taskId: NullableString,
  date: Type.String({ description: 'YYYY-MM-DD, the day it happened' }),
  dimension: NullableString,
  kind: Type.String(),
  description: Type.String(),
  baht: Type.Number(),
  items: Type.Integer(),
  agencyCode: NullableString,
  agencyName: NullableName,
  by: ActorView,
});

const LogbookTotal = Type.Object({
  dimension: Type.Union([Type.String(), Type.Null()], { description: 'null: urgent relief (no dimension)' }),
  baht: Type.Number(),
  items: Type.Integer(),
  entries: Type.Integer(),
});

export const HouseholdLogbook = Type.Object(
  {
    entries: Type.Array(LogbookEntryView, { description: 'Every relief and task activity of the case, newest first (at most 500)' }),
    totals: Type.Array(LogbookTotal, { description: 'Per dimension, relief last' }),
    total: Type.Object({ baht: Type.Number(), items: Type.Integer(), entries: Type.Integer() }),
  },
  { description: 'The household logbook (สมุดพก): relief and agency activities with their baht and items' },
);
export type HouseholdLogbook = Static<typeof HouseholdLogbook>;

export interface LogbookRow extends ActorRow {
  source: string;
  task_id: string | null;
  date: string;
  dimension: string | null;
  kind: string;
  description: string;
  baht: string | number;
  items: number;
  by: string;
  agency_code: string | null;
  agency_th: string | null;
  agency_en: string | null;
}

const DIMENSION_ORDER = ['health', 'living', 'education', 'income', 'access'];

export function logbookView(rows: LogbookRow[]): HouseholdLogbook {
  const entries = rows.map((r) => ({
    source: r.source,
    taskId: r.task_id,
    date: r.date,
    dimension: r.dimension,
    kind: r.kind,
    description: r.description,
    // numeric(14,2) arrives as a string: exact in the database, a number in JSON.
    baht: Number(r.baht),
    items: r.items,
    agencyCode: r.agency_code,
    agencyName: name(r.agency_th, r.agency_en),
    by: actorOf(r.by, r),
  }));
  const byDimension = new Map<string | null, { dimension: string | null; baht: number; items: number; entries: number }>();
  for (const e of entries) {
    const total = byDimension.get(e.dimension) ?? { dimension: e.dimension, baht: 0, items: 0, entries: 0 };
    // Sums in satang: 0.1 + 0.2 baht must not print as 0.30000000000000004.
    total.baht = Math.round((total.baht + e.baht) * 100) / 100;
    total.items += e.items;
    total.entries += 1;
    byDimension.set(e.dimension, total);
  }
  const rank = (d: string | null) => (d === null ? DIMENSION_ORDER.length : DIMENSION_ORDER.indexOf(d) === -1 ? DIMENSION_ORDER.length - 0.5 : DIMENSION_ORDER.indexOf(d));
  const totals = [...byDimension.values()].sort((a, b) => rank(a.dimension) - rank(b.dimension));
  return {
    entries,
    totals,
    total: {
      baht: Math.round(totals.reduce((sum, t) => sum + t.baht * 100, 0)) / 100,
      items: totals.reduce((sum, t) => sum + t.items, 0),
      entries: entries.length,
    },
  };
}

