/**
 * What a request names that must exist, checked by checkReferences (api/scope.ts) against the
 * reference tables and the read model before the workflow sees it. One mechanism for every
 * route: each check names its field, and the first that fails answers 422 with a stable code.
 */
export type ReferenceCheck =
  | { kind: 'agency' | 'menuItem'; code: string; field: string }
  /** A TPMAP indicator (its dimension must be the problem's) or a จปฐ. indicator, `jpt-<no>`. */
  | { kind: 'indicator'; code: string; dimension: string; field: string }
  /** Province, district and subdistrict codes, as many as given, each inside the next (`field` is their parent). */
  | { kind: 'area'; area: { provinceCode?: string | null; districtCode?: string | null; subdistrictCode?: string | null }; field: string }
  /** Another case, by ID. */
  | { kind: 'case'; caseId: string; field: string };

