import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Type, type TSchema } from '@sinclair/typebox';
import type { Principal } from '../../domain/scope';
import { ApiError } from '../errors';
import { withErrors } from '../schemas/common';
import { AGENCY_MONTH_CSV, agencyMonthCsvRows, agencyMonthly, AgencyMonthlyReport } from '../services/reports/agency-monthly';
import { AREA_COUNT_CSV, AreaGrouping, casesByArea, CasesByArea, casesByDimension, CasesByDimension, casesByStage, CasesByStage, DIMENSION_COUNT_CSV, STAGE_CSV } from '../services/reports/case-counts';
import { StringEnum } from '../services/lists';
import { inReportSnapshot, reportMeta } from '../services/reports/common';
import { sendCsv } from '../services/reports/csv';
import { ASSISTANCE_CSV, assistanceByDimension, DimensionsReport } from '../services/reports/dimensions';
import { districtGrades, DistrictGradesReport, GRADE_CSV } from '../services/reports/district-grades';
import { fiscalYear, fiscalYearOf, MAX_BUDDHIST_YEAR, MIN_BUDDHIST_YEAR, type FiscalYear } from '../../domain/fiscal-year';
import { SJP3_CSV, sjp3, Sjp3HouseholdReport, Sjp3Report, sjp4, sjp4Csv, Sjp4Report } from '../services/reports/forms';
import { displayNames, formHeading } from '../services/reports/form-heading';
import { districtTh, subdistrictTh } from '../services/reports/labels';
import { monthlyTrend, MonthlyTrendReport, TREND_CSV } from '../services/reports/monthly-trend';
import { OUTCOME_CSV, outcomeSummary, OutcomesReport } from '../services/reports/outcomes';
import { reportScope, type AreaFilter, type ReportScope } from '../services/reports/scope';
import type { Role } from '../../workflows/roles';

/**
 * Reports over the PostgreSQL read model (never Temporal), each in JSON or, with `format=csv`, as a
 * CSV download. Every query is limited to the caller's area (areaCondition) and the area filters;
 * what each number means is written beside its query in api/services/reports/.
 */

/** District and above, and the subdistrict operations team for its own subdistrict. */
const AREA_ROLES = ['operationsTeam', 'district', 'province', 'supervisor', 'admin'] as const satisfies readonly Role[];
/** Agency officers read their own agency's statistics. */
const AGENCY_ROLES = ['agency', 'district', 'province', 'supervisor', 'admin'] as const satisfies readonly Role[];
/** Grades judge districts: read by the district itself and the levels above. */
const GRADE_ROLES = ['district', 'province', 'supervisor', 'admin'] as const satisfies readonly Role[];
/** The mentor does the 4ท analysis of form ศจพ.3. */
const SJP3_ROLES = ['mentor', ...AREA_ROLES] as const satisfies readonly Role[];

const FiscalYearParam = Type.Integer({
  minimum: MIN_BUDDHIST_YEAR,
  maximum: MAX_BUDDHIST_YEAR,
  description: 'Buddhist-era fiscal year (พ.ศ.): 2570 runs from 1 October 2026 to 30 September 2027',
});
const Format = StringEnum(['json', 'csv'], { default: 'json', description: 'csv: a UTF-8 CSV download (with a byte-order mark, for Excel)' });
const Code = (digits: number, description: string) => Type.String({ pattern: `^[0-9]{${digits}}$`, description });
const AreaParams = {
  provinceCode: Type.Optional(Code(2, 'Province, within your area')),
  districtCode: Type.Optional(Code(4, 'District, within your area')),
  subdistrictCode: Type.Optional(Code(6, 'Subdistrict, within your area')),
};
const GroupBy = StringEnum([...AreaGrouping], { default: 'district', description: 'One row per district, or per subdistrict' });

/** Snapshot reports: a fiscal year narrows them to the cases opened in that year. */
const SnapshotQuery = Type.Object(
  { fiscalYear: Type.Optional({ ...FiscalYearParam, description: `${FiscalYearParam.description}; narrows to the cases opened in that year` }), ...AreaParams, format: Format },
  { additionalProperties: false },
);
const SnapshotByAreaQuery = Type.Object({ ...SnapshotQuery.properties, groupBy: GroupBy }, { additionalProperties: false });
const YearQuery = Type.Object({ fiscalYear: Type.Optional({ ...FiscalYearParam, description: `${FiscalYearParam.description}; default: the current one` }), ...AreaParams, format: Format }, { additionalProperties: false });
const AgencyQuery = Type.Object(
  { ...YearQuery.properties, agencyCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'One agency (an agency officer always reads its own)' })) },
  { additionalProperties: false },
);
const GradeQuery = Type.Object(
  {
    fiscalYear: Type.Optional({ ...FiscalYearParam, description: `The year the households were helped in (graded on the next year's survey); default: the last one that has ended` }),
    provinceCode: AreaParams.provinceCode,
    districtCode: AreaParams.districtCode,
    format: Format,
  },
  { additionalProperties: false },
);
const Sjp3Query = Type.Object(
  { subdistrictCode: Code(6, 'The subdistrict whose households the form lists'), fiscalYear: SnapshotQuery.properties.fiscalYear, format: Format },
  { additionalProperties: false },
);
const Sjp4Query = Type.Object(
  { districtCode: Code(4, 'The district whose subdistricts the form summarises'), fiscalYear: SnapshotQuery.properties.fiscalYear, format: Format },
  { additionalProperties: false },
);

/** The JSON report, or the same report as CSV: both are documented on the 200 answer. */
function responses<T extends TSchema>(json: T) {
  return {
    ...withErrors({}, 401, 403, 404),
    200: {
      description: 'The report; with format=csv the same rows as a CSV attachment',
      content: { 'application/json': { schema: json }, 'text/csv': { schema: Type.String() } },
    },
  };
}

function areaOf(query: AreaFilter): AreaFilter {
  return { provinceCode: query.provinceCode, districtCode: query.districtCode, subdistrictCode: query.subdistrictCode };
}

function csvName(report: string, scope: ReportScope, fy: FiscalYear | null): string {
  return `${report}-${fy ? fy.year : 'all'}-${scope.tag()}.csv`;
}

/** An agency officer reads its own agency only: asking for another is asking for nothing that exists for it. */
function agencyFilter(principal: Principal, requested: string | undefined): string | null {
  if (principal.role !== 'agency') return requested ?? null;
  if (requested && requested !== principal.agencyCode) throw new ApiError(404, `agency ${requested} is not yours`, 'querystring.agencyCode', 'NOT_FOUND');
  if (!principal.agencyCode) throw new ApiError(403, 'Your account has no agency', undefined, 'FORBIDDEN_ROLE');
  return principal.agencyCode;
}

export const reportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // A year below 2400 is a Christian-era year typed by mistake: say so, rather than only "must be >= 2400".
  app.addHook('preValidation', async (request) => {
    const raw = (request.query as Record<string, unknown> | undefined)?.fiscalYear;
    if (typeof raw === 'string' && /^\d{1,4}$/.test(raw) && Number(raw) < MIN_BUDDHIST_YEAR) {
      throw new ApiError(
        400,
        `querystring.fiscalYear must be a Buddhist-era year (พ.ศ.), e.g. ${fiscalYearOf(new Date())}; ${raw} looks like a Christian-era year (add 543)`,
        'querystring.fiscalYear',
        'VALIDATION',
      );
    }
  });

  /** Every report reads one snapshot of the read model, on a fork of its own. */
  const read = <T>(report: (em: EntityManager) => Promise<T>): Promise<T> => inReportSnapshot(app.orm.em.fork(), report);

  app.get(
    '/reports/cases-by-stage',
    { config: { roles: AREA_ROLES }, schema: { tags: ['reports'], summary: 'Case counts by stage, with overdue and escalated counts', querystring: SnapshotQuery, response: responses(CasesByStage) } },
    async (request, reply) => {
      const scope = reportScope(request.principal, areaOf(request.query));
      const fy = request.query.fiscalYear ? fiscalYear(request.query.fiscalYear) : null;
      const report = await read((em) => casesByStage(em, scope, fy));
      if (request.query.format === 'csv') return sendCsv(reply, csvName('cases-by-stage', scope, fy), STAGE_CSV, [...report.stages, { stage: 'total', stageTh: 'รวม', ...report.total }]);
      return { meta: reportMeta(scope, fy), ...report };
    },
  );

  app.get(
    '/reports/cases-by-dimension',
    {
      config: { roles: AREA_ROLES },
      schema: { tags: ['reports'], summary: 'Cases, problems and tasks by dimension, with overdue and escalated counts', querystring: SnapshotQuery, response: responses(CasesByDimension) },
    },
    async (request, reply) => {
      const scope = reportScope(request.principal, areaOf(request.query));
      const fy = request.query.fiscalYear ? fiscalYear(request.query.fiscalYear) : null;
      const report = await read((em) => casesByDimension(em, scope, fy));
      if (request.query.format === 'csv') {
        return sendCsv(reply, csvName('cases-by-dimension', scope, fy), DIMENSION_COUNT_CSV, [...report.dimensions, { dimension: 'total', dimensionTh: 'รวม', ...report.total }]);
      }
      return { meta: reportMeta(scope, fy), ...report };
    },
  );

  app.get(
    '/reports/cases-by-district',
    {
      config: { roles: AREA_ROLES },
      schema: { tags: ['reports'], summary: 'Case counts per district (or subdistrict) by stage and status, with overdue and escalated counts', querystring: SnapshotByAreaQuery, response: responses(CasesByArea) },
    },
    async (request, reply) => {
      const scope = reportScope(request.principal, areaOf(request.query));
      const fy = request.query.fiscalYear ? fiscalYear(request.query.fiscalYear) : null;
      const report = await read((em) => casesByArea(em, scope, fy, request.query.groupBy));
      if (request.query.format === 'csv') {
        return sendCsv(reply, csvName(`cases-by-${report.groupBy}`, scope, fy), AREA_COUNT_CSV, [...report.rows, { code: 'total', nameTh: 'รวม', ...report.total }]);
      }
      return { meta: reportMeta(scope, fy), ...report };
    },
  );

  app.get(
    '/reports/dimensions',
    {
      config: { roles: AREA_ROLES },
      schema: { tags: ['reports'], summary: 'Assistance per dimension in a fiscal year: households, persons, projects, baht spent, items given', querystring: YearQuery, response: responses(DimensionsReport) },
    },
    async (request, reply) => {
      const scope = reportScope(request.principal, areaOf(request.query));
      const fy = fiscalYear(request.query.fiscalYear ?? fiscalYearOf(new Date()));
      const report = await read((em) => assistanceByDimension(em, scope, fy));
      if (request.query.format === 'csv') return sendCsv(reply, csvName('dimensions', scope, fy), ASSISTANCE_CSV, [...report.dimensions, { dimension: 'total', dimensionTh: 'รวม', ...report.total }]);
      return { meta: reportMeta(scope, fy), ...report };
    },
  );

  app.get(
    '/reports/outcomes',
    {
      config: { roles: AREA_ROLES },
      schema: {
        tags: ['reports'],
        summary: 'Follow-up outcomes per district (or subdistrict): solved, waiting for follow-up, being followed up, not yet solvable',
        querystring: SnapshotByAreaQuery,
        response: responses(OutcomesReport),
      },
    },
    async (request, reply) => {
      const scope = reportScope(request.principal, areaOf(request.query));
      const fy = request.query.fiscalYear ? fiscalYear(request.query.fiscalYear) : null;
      const report = await read((em) => outcomeSummary(em, scope, fy, request.query.groupBy));
      if (request.query.format === 'csv') return sendCsv(reply, csvName(`outcomes-by-${report.groupBy}`, scope, fy), OUTCOME_CSV, [...report.rows, { code: 'total', nameTh: 'รวม', ...report.total }]);
      return { meta: reportMeta(scope, fy), ...report };
    },
  );

  app.get(
    '/reports/monthly-trend',
    {
      config: { roles: AREA_ROLES },
      schema: { tags: ['reports'], summary: 'Cases opened, closed and graduated in each month of a fiscal year', querystring: YearQuery, response: responses(MonthlyTrendReport) },
    },
    async (request, reply) => {
      const scope = reportScope(request.principal, areaOf(request.query));
      const fy = fiscalYear(request.query.fiscalYear ?? fiscalYearOf(new Date()));
      const report = await read((em) => monthlyTrend(em, scope, fy));
      if (request.query.format === 'csv') return sendCsv(reply, csvName('monthly-trend', scope, fy), TREND_CSV, [...report.months, { month: 'total', monthTh: `รวมปีงบประมาณ ${fy.year}`, ...report.total }]);
      return { meta: reportMeta(scope, fy), ...report };
    },
  );

  app.get(
    '/reports/agency-monthly',
    {
      config: { roles: AGENCY_ROLES },
      schema: { tags: ['reports'], summary: 'Monthly assistance statistics per agency over a fiscal year (activities, households, baht, items)', querystring: AgencyQuery, response: responses(AgencyMonthlyReport) },
    },
    async (request, reply) => {
      const scope = reportScope(request.principal, areaOf(request.query));
      const fy = fiscalYear(request.query.fiscalYear ?? fiscalYearOf(new Date()));
      const agencyCode = agencyFilter(request.principal, request.query.agencyCode);
      const report = await read((em) => agencyMonthly(em, scope, fy, agencyCode));
      if (request.query.format === 'csv') return sendCsv(reply, csvName('agency-monthly', scope, fy), AGENCY_MONTH_CSV, agencyMonthCsvRows(report, fy));
      return { meta: reportMeta(scope, fy), ...report };
    },
  );

  app.get(
    '/reports/district-grades',
    {
      config: { roles: GRADE_ROLES },
      schema: {
        tags: ['reports'],
        summary: "District grades (A–D) for the households helped in a fiscal year, judged on the next year's survey",
        querystring: GradeQuery,
        response: responses(DistrictGradesReport),
      },
    },
    async (request, reply) => {
      const scope = reportScope(request.principal, areaOf(request.query));
      const fy = fiscalYear(request.query.fiscalYear ?? fiscalYearOf(new Date()) - 1);
      const report = await read((em) => districtGrades(em, scope, fy));
      if (request.query.format === 'csv') return sendCsv(reply, csvName('district-grades', scope, fy), GRADE_CSV, report.districts);
      return { meta: reportMeta(scope, fy), ...report };
    },
  );

  app.get(
    '/reports/forms/sjp3',
    {
      config: { roles: SJP3_ROLES },
      schema: { tags: ['reports'], summary: 'Form ศจพ.3: the 4ท analysis of every analysed household of a subdistrict', querystring: Sjp3Query, response: responses(Sjp3Report) },
    },
    async (request, reply) => {
      const { subdistrictCode } = request.query;
      const scope = reportScope(request.principal, { subdistrictCode });
      const fy = request.query.fiscalYear ? fiscalYear(request.query.fiscalYear) : null;
      const { households, names } = await read(async (em) => ({ households: await sjp3(em, scope, fy), names: await displayNames(em, [request.principal.userId]) }));
      if (request.query.format === 'csv') return sendCsv(reply, csvName('sjp3', scope, fy), SJP3_CSV, households);
      const heading = formHeading({ form: 'sjp3', areaCode: subdistrictCode, fy, reporter: { principal: request.principal, name: names.get(request.principal.userId) ?? null } });
      return { meta: reportMeta(scope, fy), heading, subdistrictCode, subdistrictNameTh: subdistrictTh(subdistrictCode), households };
    },
  );

  app.get(
    '/reports/forms/sjp4',
    {
      config: { roles: AREA_ROLES },
      schema: { tags: ['reports'], summary: 'Form ศจพ.4: the plan summary per subdistrict of a district', querystring: Sjp4Query, response: responses(Sjp4Report) },
    },
    async (request, reply) => {
      const { districtCode } = request.query;
      const scope = reportScope(request.principal, { districtCode });
      const fy = request.query.fiscalYear ? fiscalYear(request.query.fiscalYear) : null;
      const { report, names } = await read(async (em) => ({ report: await sjp4(em, scope, fy), names: await displayNames(em, [request.principal.userId]) }));
      if (request.query.format === 'csv') {
        const { columns, rows } = sjp4Csv(report);
        return sendCsv(reply, csvName('sjp4', scope, fy), columns, rows);
      }
      const heading = formHeading({ form: 'sjp4', areaCode: districtCode, fy, reporter: { principal: request.principal, name: names.get(request.principal.userId) ?? null } });
      return { meta: reportMeta(scope, fy), heading, districtCode, districtNameTh: districtTh(districtCode), ...report };
    },
  );

  app.get(
    '/households/:householdId/form-3',
    {
      config: { roles: SJP3_ROLES },
      schema: {
        tags: ['reports'],
        summary: 'Form ศจพ.3 for one household, to print and hand to the family: its 4ท analysis, problems and plan, or the blank form before the analysis',
        params: Type.Object({ householdId: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }) }),
        response: withErrors({ 200: Sjp3HouseholdReport }, 401, 403, 404),
      },
    },
    async (request) => {
      const { principal } = request;
      const scope = reportScope(principal, {});
      const { households, names } = await read(async (em) => ({ households: await sjp3(em, scope, null, request.params.householdId), names: await displayNames(em, [principal.userId]) }));
      const household = households[0];
      // Outside the caller's area reads as absent, as every record outside it does.
      if (!household) throw new ApiError(404, 'Not found', 'params.householdId', 'NOT_FOUND');
      const heading = formHeading({ form: 'sjp3', areaCode: household.subdistrictCode, fy: null, reporter: { principal, name: names.get(principal.userId) ?? null }, headName: household.headName });
      return { meta: reportMeta(reportScope(principal, { subdistrictCode: household.subdistrictCode }), null), heading, household };
    },
  );
};
