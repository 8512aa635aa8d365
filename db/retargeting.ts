import type { EntityManager } from '@mikro-orm/postgresql';
import type { ListingGroup, Reconciliation } from '../domain/contract/retargeting';

/** The fiscal year (Buddhist era) of a Bangkok instant, in SQL: October starts the next year. */
const fiscalYearSql = (column: string): string => `(extract(year from (${column} at time zone 'Asia/Bangkok') + interval '3 months')::int + 543)`;
const indicatorsOf = (data: string): string => `unnest(string_to_array(coalesce(${data}->>'failed_indicators', ''), '|')) as listed(code)`;

export class ImportNotReconcilable extends Error {}

/**
 * Matches a completed target list against the program, once (one statement: a second reader finds
 * the rows written). Rows are matched through the household claims (house code, then national
 * IDs), so a row the import refused as "already in the program" still finds its case. The area a
 * list speaks for is the uploader's, within the provinces the file names: its open cases that no
 * row names are the ones no longer flagged.
 */
export async function reconcileTargets(em: EntityManager, importId: string): Promise<number> {
  const [job] = await em.execute<Array<{ kind: string; status: string; fy: number }>>(`select kind, status, coalesce(fiscal_year, ${fiscalYearSql('created_at')}) as fy from import_job where id = ?`, [importId]);
  if (!job || job.kind !== 'targets') throw new ImportNotReconcilable('not a target list');
  if (job.status !== 'completed') throw new ImportNotReconcilable('the import has not completed');
  const [done] = await em.execute<Array<{ n: number }>>('select count(*)::int as n from target_listing where import_id = ?', [importId]);
  if (done.n > 0) return job.fy;
  await em.execute(
    `with job as (
       select j.id, j.created_at, u.province_code, u.district_code, u.subdistrict_code
         from import_job j join app_user u on u.id::text = j.created_by where j.id = ?
     ), matched as (
       select r.row_no, r.status, coalesce(r.case_id, (
                select c.case_id from household_claim c
                 where c.claim_key = 'house:' || nullif(trim(r.data->>'house_code'), '')
                    or c.claim_key in (select 'nid:' || trim(x) from unnest(string_to_array(coalesce(r.data->>'member_national_ids', ''), '|')) x where trim(x) <> '')
                 limit 1)) as case_id
         from import_row r where r.import_id = ? and r.status in ('accepted', 'rejected')
     ), listed as (
       select distinct on (m.case_id) m.case_id, m.row_no,
              case when m.status = 'accepted' then (case when exists (select 1 from case_link l where l.case_id = m.case_id) then 'returning' else 'new' end)
                   when hc.status = 'closed' then 'returning' else 'stillFlagged' end as grp
         from matched m join household_case hc on hc.id = m.case_id
        order by m.case_id, m.status = 'accepted' desc, m.row_no
     ), gone as (
       select hc.id as case_id from household_case hc, job
        where hc.status <> 'closed' and hc.opened_at < job.created_at
          and hc.province_code in (select distinct r.data->>'province_code' from import_row r where r.import_id = ?)
          and (job.province_code is null or hc.province_code = job.province_code)
          and (job.district_code is null or hc.district_code = job.district_code)
          and (job.subdistrict_code is null or hc.subdistrict_code = job.subdistrict_code)
          and not exists (select 1 from listed l where l.case_id = hc.id)
     )
     insert into target_listing (import_id, case_id, fiscal_year, grp, row_no)
     select ?, case_id, ?, grp, row_no from listed
     union all select ?, case_id, ?, 'noLongerFlagged', null from gone
     on conflict do nothing`,
    [importId, importId, importId, importId, job.fy, importId, job.fy],
  );
  return job.fy;
}

/** The report of a reconciled list: totals, by subdistrict, by dimension against last year, and one group's page. */
export async function reconciliation(em: EntityManager, importId: string, group: ListingGroup, page: { limit: number; offset: number }): Promise<Omit<Reconciliation, 'mayReopen'>> {
  const fiscalYear = await reconcileTargets(em, importId);
  const byArea = await em.execute<Array<Record<ListingGroup, number> & { province_code: string; district_code: string; subdistrict_code: string; name_th: string | null }>>(
    `select hc.province_code, hc.district_code, hc.subdistrict_code, s.name_th,
            count(*) filter (where t.grp = 'new')::int as "new", count(*) filter (where t.grp = 'stillFlagged')::int as "stillFlagged",
            count(*) filter (where t.grp = 'noLongerFlagged')::int as "noLongerFlagged", count(*) filter (where t.grp = 'returning')::int as "returning"
       from target_listing t join household_case hc on hc.id = t.case_id left join subdistrict s on s.code = hc.subdistrict_code
      where t.import_id = ? group by 1, 2, 3, 4 order by 1, 2, 3`,
    [importId],
  );
  const sum = (g: ListingGroup): number => byArea.reduce((n, a) => n + a[g], 0);
  const byDimension = await em.execute<Array<{ dimension: string; this_year: number; last_year: number }>>(
    `with this_year as (
       select i.dimension, count(*)::int as n from target_listing t join import_row r on r.import_id = t.import_id and r.row_no = t.row_no,
              lateral ${indicatorsOf('r.data')} join tpmap_indicator i on i.code = upper(trim(listed.code))
        where t.import_id = ? group by 1
     ), provinces as (select distinct hc.province_code from target_listing t join household_case hc on hc.id = t.case_id where t.import_id = ?),
     last_year as (
       select i.dimension, count(*)::int as n from target_listing t join household_case hc on hc.id = t.case_id
              join import_row r on r.import_id = t.import_id and r.row_no = t.row_no,
              lateral ${indicatorsOf('r.data')} join tpmap_indicator i on i.code = upper(trim(listed.code))
        where t.fiscal_year = ? and hc.province_code in (select province_code from provinces) group by 1
     )
     select d.dimension, coalesce(ty.n, 0) as this_year, coalesce(ly.n, 0) as last_year
       from (select distinct dimension from tpmap_indicator) d left join this_year ty using (dimension) left join last_year ly using (dimension)
      order by d.dimension`,
    [importId, importId, fiscalYear - 1],
  );
  const cases = await em.execute<Array<{ case_id: string; household_id: string; head_name: string | null; village_no: string | null; subdistrict_code: string; name_th: string | null; stage: string; status: string; can_reopen: boolean; previous_case_id: string | null; previous_closed_at: Date | null }>>(
    `select hc.id as case_id, hc.household_id, h.head_name, h.village_no, hc.subdistrict_code, s.name_th, hc.stage, hc.status,
            (hc.status = 'closed' and not exists (select 1 from case_event e where e.case_id = hc.id and e.type = 'reopenWindowEnded')) as can_reopen,
            l.previous_case_id, p.closed_at as previous_closed_at
       from target_listing t join household_case hc on hc.id = t.case_id join household h on h.id = hc.household_id left join subdistrict s on s.code = hc.subdistrict_code
            left join case_link l on l.case_id = hc.id left join household_case p on p.id = l.previous_case_id
      where t.import_id = ? and t.grp = ? order by hc.subdistrict_code, h.village_no, h.head_name, hc.id limit ? offset ?`,
    [importId, group, page.limit, page.offset],
  );
  return {
    importId,
    fiscalYear,
    totals: { new: sum('new'), stillFlagged: sum('stillFlagged'), noLongerFlagged: sum('noLongerFlagged'), returning: sum('returning') },
    byArea: byArea.map((a) => ({ provinceCode: a.province_code, districtCode: a.district_code, subdistrictCode: a.subdistrict_code, subdistrictName: a.name_th, new: a.new, stillFlagged: a.stillFlagged, noLongerFlagged: a.noLongerFlagged, returning: a.returning })),
    byDimension: byDimension.map((d) => ({ dimension: d.dimension, thisYear: d.this_year, lastYear: d.last_year })),
    group,
    cases: cases.map((c) => ({ caseId: c.case_id, householdId: c.household_id, headName: c.head_name, villageNo: c.village_no, subdistrictCode: c.subdistrict_code, subdistrictName: c.name_th, stage: c.stage, status: c.status, canReopen: c.can_reopen, previousCaseId: c.previous_case_id, previousClosedAt: c.previous_closed_at ? new Date(c.previous_closed_at).toISOString() : null })),
    total: sum(group),
  };
}

/** The fiscal years a case was on a TPMAP list (its tags), oldest first. */
export async function targetYearsOf(em: EntityManager, caseId: string): Promise<number[]> {
  const rows = await em.execute<Array<{ fiscal_year: number }>>(`select distinct fiscal_year from target_listing where case_id = ? and grp <> 'noLongerFlagged' order by 1`, [caseId]);
  return rows.map((r) => r.fiscal_year);
}
