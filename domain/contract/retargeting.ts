import { Type, type Static } from '@sinclair/typebox';
import { literals } from './common';

/**
 * A new fiscal year's TPMAP list against the program (docs/PROGRAM.md, "The program year"):
 * - new: on the list, not in the program; the import opened a case;
 * - stillFlagged: on the list with an open case, which is tagged with the year (no second case);
 * - noLongerFlagged: an open case of the list's area that the list no longer names: a candidate
 *   for graduation review, never closed by the import;
 * - returning: on the list with a case closed earlier: reopen it while its window lasts; past the
 *   window the import opened a new case that follows the earlier one (`previousCaseId`).
 */
export const LISTING_GROUPS = ['new', 'stillFlagged', 'noLongerFlagged', 'returning'] as const;
export type ListingGroup = (typeof LISTING_GROUPS)[number];

export const ListedCase = Type.Object({
  caseId: Type.String(),
  householdId: Type.String(),
  headName: Type.Union([Type.String(), Type.Null()]),
  villageNo: Type.Union([Type.String(), Type.Null()]),
  subdistrictCode: Type.String(),
  subdistrictName: Type.Union([Type.String(), Type.Null()]),
  stage: Type.String(),
  status: Type.String(),
  /** For a returning household: whether its closed case can still be reopened. */
  canReopen: Type.Boolean(),
  /** A returning household past its reopen window: the new case follows this earlier, closed one. */
  previousCaseId: Type.Union([Type.String(), Type.Null()]),
  /** When that earlier case closed. */
  previousClosedAt: Type.Union([Type.String(), Type.Null()]),
});

export const AreaCounts = Type.Object({
  provinceCode: Type.String(),
  districtCode: Type.String(),
  subdistrictCode: Type.String(),
  subdistrictName: Type.Union([Type.String(), Type.Null()]),
  new: Type.Integer(),
  stillFlagged: Type.Integer(),
  noLongerFlagged: Type.Integer(),
  returning: Type.Integer(),
});

export const Reconciliation = Type.Object({
  importId: Type.String(),
  fiscalYear: Type.Integer(),
  totals: Type.Object({ new: Type.Integer(), stillFlagged: Type.Integer(), noLongerFlagged: Type.Integer(), returning: Type.Integer() }),
  byArea: Type.Array(AreaCounts),
  /** Failed indicators on this list by TPMAP dimension, beside the same area's list of the year before. */
  byDimension: Type.Array(Type.Object({ dimension: Type.String(), thisYear: Type.Integer(), lastYear: Type.Integer() })),
  group: literals(LISTING_GROUPS),
  cases: Type.Array(ListedCase),
  total: Type.Integer(),
  /** Whether the caller's role may reopen a returning household's case (the report offers it). */
  mayReopen: Type.Boolean(),
});
export type Reconciliation = Static<typeof Reconciliation>;
