import type { EntityManager } from '@mikro-orm/postgresql';
import { Type, type Static } from '@sinclair/typebox';
import { AreaNames, areaNameColumns, areaNameJoins, areaNamesOf, type AreaNameRow } from '../../views/names';

/**
 * The households an import took, each by who it is (head, village, area), for the imports page
 * to link to: after an import an official checks the households, not row numbers. The caller's
 * right to see the import is checked first (reads.ts, importInScope); its rows all lie in the
 * area of the one who uploaded it.
 */
export const AcceptedHousehold = Type.Object({
  rowNo: Type.Integer({ description: 'the row as a spreadsheet numbers it (the header is row 1)' }),
  householdId: Type.String(),
  caseId: Type.String(),
  houseCode: Type.Union([Type.String(), Type.Null()]),
  headName: Type.Union([Type.String(), Type.Null()]),
  villageNo: Type.Union([Type.String(), Type.Null()]),
  areaNames: AreaNames,
});
export type AcceptedHousehold = Static<typeof AcceptedHousehold>;

interface AcceptedRow extends AreaNameRow {
  row_no: number;
  household_id: string;
  case_id: string;
  house_code: string | null;
  head_name: string | null;
  village_no: string | null;
}

export async function listAccepted(em: EntityManager, importId: string, page: { limit: number; offset: number }): Promise<{ total: number; items: AcceptedHousehold[] }> {
  const [count] = await em.execute<Array<{ n: string }>>(`select count(*) as n from import_row where import_id = ? and status = 'accepted'`, [importId]);
  const rows = await em.execute<AcceptedRow[]>(
    `select r.row_no, c.household_id, c.id as case_id, h.house_code, h.head_name, h.village_no, ${areaNameColumns('h')}
       from import_row r
       join household_case c on c.id = r.case_id
       join household h on h.id = c.household_id
       ${areaNameJoins('h')}
      where r.import_id = ? and r.status = 'accepted'
      order by r.row_no limit ? offset ?`,
    [importId, page.limit, page.offset],
  );
  return {
    total: Number(count?.n ?? 0),
    items: rows.map((r) => ({
      rowNo: r.row_no,
      householdId: r.household_id,
      caseId: r.case_id,
      houseCode: r.house_code,
      headName: r.head_name,
      villageNo: r.village_no,
      areaNames: areaNamesOf(r),
    })),
  };
}
