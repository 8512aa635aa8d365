import type { EntityManager } from '@mikro-orm/postgresql';
import type { MigrationPreview, NewPolicyBody, PolicySettings, PolicyVersion } from '../domain/contract/policy';
import { DEFAULT_POLICY, type CasePolicy } from '../workflows/policy';

/** Today in Bangkok, as PostgreSQL sees it: every "in force" below is a Bangkok day. */
const TODAY = `(now() at time zone 'Asia/Bangkok')::date`;

/**
 * The policy a new case starts with (the starter hands it to the workflow, which keeps that
 * version for the life of the case): the province's own latest version in force today, else the
 * national one, else the built-in default (an unseeded database). One indexed lookup on a tiny
 * table; callers that start many cases may still cache it per province for a while. The result
 * carries the province it was read for.
 */
export async function activePolicy(em: EntityManager, provinceCode: string): Promise<CasePolicy> {
  const rows = await em.execute<Array<{ body: CasePolicy }>>(
    `select body from case_policy
     where effective_from <= ${TODAY} and (province_code = ? or province_code is null)
     order by province_code nulls last, effective_from desc
     limit 1`,
    [provinceCode],
  );
  const body = rows[0]?.body ?? DEFAULT_POLICY;
  return { ...body, provinceCode };
}

interface PolicyRow {
  version: string;
  province_code: string | null;
  effective_from: string;
  created_at: Date;
  created_by: string | null;
  note: string | null;
  body: CasePolicy;
  open_cases: string;
}

/** Every version a province could run on (its own and the national ones), newest first, with its open cases. */
export async function listPolicies(em: EntityManager, provinceCode: string | null): Promise<{ inForce: string; versions: PolicyVersion[] }> {
  const rows = await em.execute<PolicyRow[]>(
    `select p.version, p.province_code, to_char(p.effective_from, 'YYYY-MM-DD') as effective_from, p.created_at, p.created_by, p.note, p.body,
            (select count(*) from household_case c where c.policy_version = p.version and c.status <> 'closed'${provinceCode ? ' and c.province_code = ?' : ''}) as open_cases
       from case_policy p
      where ${provinceCode ? '(p.province_code = ? or p.province_code is null)' : 'p.province_code is null'}
      order by p.province_code nulls last, p.effective_from desc`,
    provinceCode ? [provinceCode, provinceCode] : [],
  );
  const inForce = provinceCode ? await activePolicy(em, provinceCode) : ((await em.execute<Array<{ body: CasePolicy }>>(`select body from case_policy where province_code is null and effective_from <= ${TODAY} order by effective_from desc limit 1`))[0]?.body ?? DEFAULT_POLICY);
  return {
    inForce: inForce.version,
    versions: rows.map((r) => ({
      version: r.version,
      provinceCode: r.province_code,
      effectiveFrom: r.effective_from,
      createdAt: new Date(r.created_at).toISOString(),
      createdBy: r.created_by,
      note: r.note,
      settings: settingsOf(r.body),
      openCases: Number(r.open_cases),
    })),
  };
}

/** The settings part of a stored body (the version and province are the row's own columns). */
export function settingsOf(body: CasePolicy): PolicySettings {
  const { version: _version, provinceCode: _province, ...settings } = body;
  return settings;
}

/** The name a new version gets: its area and its first day, which the unique index keeps one per day. */
export const policyVersionName = (body: Pick<NewPolicyBody, 'provinceCode' | 'effectiveFrom'>): string => `${body.provinceCode ?? 'national'}-${body.effectiveFrom}`;

/** Stores a new version; false when the area already has a version from that day. */
export async function insertPolicy(em: EntityManager, body: NewPolicyBody, createdBy: string): Promise<boolean> {
  const version = policyVersionName(body);
  const policy: CasePolicy = { ...body.settings, version, provinceCode: body.provinceCode };
  const rows = await em.execute<Array<{ version: string }>>(
    `insert into case_policy (version, province_code, body, effective_from, created_at, created_by, note)
     values (?, ?, ?::jsonb, ?::date, now(), ?, ?)
     on conflict do nothing returning version`,
    [version, body.provinceCode, JSON.stringify(policy), body.effectiveFrom, createdBy, body.note ?? null],
  );
  return rows.length === 1;
}

export async function policyByVersion(em: EntityManager, version: string): Promise<CasePolicy | null> {
  const [row] = await em.execute<Array<{ body: CasePolicy }>>('select body from case_policy where version = ?', [version]);
  return row?.body ?? null;
}

export const isPastDay = async (em: EntityManager, day: string): Promise<boolean> => (await em.execute<Array<{ past: boolean }>>(`select ?::date < ${TODAY} as past`, [day]))[0].past;

/**
 * What a migration to `policy` would do in its province: the open cases on another version, and how
 * many of them would be overdue at once (their step's new due date already past). Cases in a
 * step without a due date of its own (assistance, follow-up) keep their dates.
 */
export async function previewMigration(em: EntityManager, policy: CasePolicy, provinceCode: string): Promise<MigrationPreview> {
  const due = policy.dueDays;
  const rows = await em.execute<Array<{ policy_version: string; cases: string; overdue: string }>>(
    `select policy_version, count(*) as cases,
            count(*) filter (where overdue_level = 0 and stage_entered_at + make_interval(days => case stage
                when 'verification' then ?::int when 'analysis' then ?::int when 'districtAssignment' then ?::int end) < now()) as overdue
       from household_case
      where province_code = ? and status <> 'closed' and policy_version <> ?
      group by policy_version order by policy_version`,
    [due.verification, due.analysis, due.districtAssignment, provinceCode, policy.version],
  );
  return {
    version: policy.version,
    cases: rows.reduce((n, r) => n + Number(r.cases), 0),
    becomeOverdue: rows.reduce((n, r) => n + Number(r.overdue), 0),
    byVersion: rows.map((r) => ({ version: r.policy_version, cases: Number(r.cases) })),
  };
}
