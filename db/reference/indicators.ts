/**
 * Typed access to the indicator reference data: the five TPMAP dimensions, the 17 TPMAP
 * indicators (what makes a household a target) and the 38 Basic Minimum Needs (จปฐ.)
 * indicators with their owning ministries (who proposes the lead agency).
 *
 * The JSON lives beside this file (copied from shared/domain) so the app never reads outside
 * its own tree at run time. Values are checked once on first use: the JSON is typed only as
 * `string`, and a bad dimension code here would otherwise surface much later as a bad seed row.
 */
import jptJson from './data/jpt-indicators.json';
import tpmapJson from './data/tpmap-indicators.json';

export const DIMENSION_CODES = ['health', 'living', 'education', 'income', 'access'] as const;
export type DimensionCode = (typeof DIMENSION_CODES)[number];

export const TPMAP_INDICATOR_CODES = [
  'H1', 'H2', 'H3', 'H4',
  'L1', 'L2', 'L3', 'L4',
  'E1', 'E2', 'E3', 'E4',
  'I1', 'I2', 'I3',
  'A1', 'A2',
] as const;
export type TpmapIndicatorCode = (typeof TPMAP_INDICATOR_CODES)[number];

export interface Dimension {
  code: DimensionCode;
  th: string;
  en: string;
}

export interface TpmapIndicator {
  code: TpmapIndicatorCode;
  dimension: DimensionCode;
  th: string;
  en: string;
}

export interface JptIndicator {
  /** 1..38, the official numbering. */
  no: number;
  /** 1..5, the จปฐ. category (หมวด). */
  category: number;
  /** The TPMAP dimension the category maps onto. */
  dimension: DimensionCode;
  th: string;
  en: string;
  /** หน่วยงานหลัก: ministry codes (keys of ministries()). Empty for indicator 35 (no owner in the source). */
  leadMinistries: string[];
  /** หน่วยงานร่วม: ministry codes. */
  supportMinistries: string[];
  note?: string;
}

export interface Ministry {
  code: string;
  th: string;
  en: string;
}

export function isDimensionCode(value: string): value is DimensionCode {
  return (DIMENSION_CODES as readonly string[]).includes(value);
}

export function isTpmapIndicatorCode(value: string): value is TpmapIndicatorCode {
  return (TPMAP_INDICATOR_CODES as readonly string[]).includes(value);
}

function dimension(value: string, where: string): DimensionCode {
  if (!isDimensionCode(value)) throw new Error(`reference data: unknown dimension "${value}" in ${where}`);
  return value;
}

interface Loaded {
  dimensions: readonly Dimension[];
  tpmap: readonly TpmapIndicator[];
  jpt: readonly JptIndicator[];
  ministries: readonly Ministry[];
}

let cache: Loaded | undefined;

function load(): Loaded {
  if (cache) return cache;

  const dimensions = jptJson.dimensions.map((d) => ({ code: dimension(d.code, 'dimensions'), th: d.th, en: d.en }));

  const tpmap = tpmapJson.indicators.map((i): TpmapIndicator => {
    if (!isTpmapIndicatorCode(i.code)) throw new Error(`reference data: unknown TPMAP indicator "${i.code}"`);
    return { code: i.code, dimension: dimension(i.dimension, `TPMAP ${i.code}`), th: i.th, en: i.en };
  });

  const categoryDimension = new Map(
    jptJson.categories.map((c) => [c.no, dimension(c.dimension, `category ${c.no}`)] as const),
  );

  const ministryMap: Record<string, { th: string; en: string }> = jptJson.ministries;
  const ministries = Object.entries(ministryMap).map(([code, m]) => ({ code, th: m.th, en: m.en }));

  const jpt = jptJson.indicators.map((i): JptIndicator => {
    const dim = categoryDimension.get(i.category);
    if (!dim) throw new Error(`reference data: jpt indicator ${i.no} has unknown category ${i.category}`);
    for (const code of [...i.lead, ...i.support]) {
      if (!(code in ministryMap)) throw new Error(`reference data: jpt indicator ${i.no} names unknown ministry ${code}`);
    }
    const row: JptIndicator = {
      no: i.no,
      category: i.category,
      dimension: dim,
      th: i.th,
      en: i.en,
      leadMinistries: [...i.lead],
      supportMinistries: [...i.support],
    };
    if ('note' in i && typeof i.note === 'string') row.note = i.note;
    return row;
  });

  cache = { dimensions, tpmap, jpt, ministries };
  return cache;
}

/** The five TPMAP dimensions, in the program's order (health, living, education, income, access). */
export function dimensions(): readonly Dimension[] {
  return load().dimensions;
}

/** The 17 TPMAP indicators, H1..A2. */
export function tpmapIndicators(): readonly TpmapIndicator[] {
  return load().tpmap;
}

/** The 38 จปฐ. indicators with lead and support ministries. */
export function jptIndicators(): readonly JptIndicator[] {
  return load().jpt;
}

/** Ministries (and ministry-level bodies) that own จปฐ. indicators. */
export function ministries(): readonly Ministry[] {
  return load().ministries;
}
