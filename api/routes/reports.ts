import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DistrictCode, literals, ProvinceCode, SubdistrictCode } from '../../domain/contract/common';
import { fiscalYearOf, MAX_BUDDHIST_YEAR, MIN_BUDDHIST_YEAR } from '../../domain/fiscal-year';
import type { Principal } from '../../domain/scope';
import type { Role } from '../../workflows/roles';
import { ApiError } from '../errors';
import { AGENCY_MONTH_CSV, agencyMonthCsvRows, agencyMonthly, AgencyMonthlyReport } from '../services/reports/agency-monthly';
import { AREA_COUNT_CSV, AreaGrouping, casesByArea, CasesByArea, casesByDimension, CasesByDimension, casesByStage, CasesByStage, DIMENSION_COUNT_CSV, STAGE_CSV } from '../services/reports/case-counts';
import { ASSISTANCE_CSV, assistanceByDimension, DimensionsReport } from '../services/reports/dimensions';
import { districtGrades, DistrictGradesReport, GRADE_CSV } from '../services/reports/district-grades';
import { SJP3_CSV, sjp3, Sjp3Report, sjp4, sjp4Csv, Sjp4Report } from '../services/reports/forms';
import { displayNames, formHeading } from '../services/reports/form-heading';
import { householdForm3Route } from './household-form';
import { districtTh, subdistrictTh } from '../services/reports/labels';
import { monthlyTrend, MonthlyTrendReport, TREND_CSV } from '../services/reports/monthly-trend';
import { OUTCOME_CSV, outcomeSummary, OutcomesReport } from '../services/reports/outcomes';
import type { AreaFilter } from '../services/reports/scope';
import { csvTable, currentYear, intakeYear, lastEndedYear, report, type ReportRoute } from './report-route';

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
// Word lists as unions of literals (not StringEnum): the report route's compiled guard reads them.
const Format = { ...literals(['json', 'csv']), default: 'json', description: 'csv: a UTF-8 CSV download (with a byte-order mark, for Excel)' };
const AreaParams = {
  provinceCode: Type.Optional({ ...ProvinceCode, description: 'Province, within your area' }),
  districtCode: Type.Optional({ ...DistrictCode, description: 'District, within your area' }),
  subdistrictCode: Type.Optional({ ...SubdistrictCode, description: 'Subdistrict, within your area' }),
};
const GroupBy = { ...literals(AreaGrouping), default: 'district', description: 'One row per district, or per subdistrict' };

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
  { subdistrictCode: { ...SubdistrictCode, description: 'The subdistrict whose households the form lists' }, fiscalYear: SnapshotQuery.properties.fiscalYear, format: Format },
  { additionalProperties: false },
);
const Sjp4Query = Type.Object(
  { districtCode: { ...DistrictCode, description: 'The district whose subdistricts the form summarises' }, fiscalYear: SnapshotQuery.properties.fiscalYear, format: Format },
  { additionalProperties: false },
);

function areaOf(query: AreaFilter): AreaFilter {
  return { provinceCode: query.provinceCode, districtCode: query.districtCode, subdistrictCode: query.subdistrictCode };
}

/** An agency officer reads its own agency only: asking for another is asking for nothing that exists for it. */
function agencyFilter(principal: Principal, requested: string | undefined): string | null {
  if (principal.role !== 'agency') return requested ?? null;
  if (requested && requested !== principal.agencyCode) throw new ApiError(404, `agency ${requested} is not yours`, 'querystring.agencyCode', 'NOT_FOUND');
  if (!principal.agencyCode) throw new ApiError(403, 'Your account has no agency', undefined, 'FORBIDDEN_ROLE');
  return principal.agencyCode;
}

/** The reports, one row each: who reads it, what it asks, how it reads, what its CSV holds. */
const REPORTS: ReportRoute[] = [
  report({
    path: 'cases-by-stage',
    summary: 'Case counts by stage, with overdue and escalated counts',
    roles: AREA_ROLES,
    querystring: SnapshotQuery,
    response: CasesByStage,
    area: areaOf,
    year: intakeYear,
    read: (em, { scope, fy }) => casesByStage(em, scope, fy),
    json: (data, meta) => ({ meta, ...data }),
    csv: (data) => csvTable('cases-by-stage', STAGE_CSV, [...data.stages, { stage: 'total', stageTh: 'รวม', ...data.total }]),
  }),
  report({
    path: 'cases-by-dimension',
    summary: 'Cases, problems and tasks by dimension, with overdue and escalated counts',
    roles: AREA_ROLES,
    querystring: SnapshotQuery,
    response: CasesByDimension,
    area: areaOf,
    year: intakeYear,
    read: (em, { scope, fy }) => casesByDimension(em, scope, fy),
    json: (data, meta) => ({ meta, ...data }),
    csv: (data) => csvTable('cases-by-dimension', DIMENSION_COUNT_CSV, [...data.dimensions, { dimension: 'total', dimensionTh: 'รวม', ...data.total }]),
  }),
  report({
    path: 'cases-by-district',
    summary: 'Case counts per district (or subdistrict) by stage and status, with overdue and escalated counts',
    roles: AREA_ROLES,
    querystring: SnapshotByAreaQuery,
    response: CasesByArea,
    area: areaOf,
    year: intakeYear,
    read: (em, { scope, fy, query }) => casesByArea(em, scope, fy, query.groupBy),
    json: (data, meta) => ({ meta, ...data }),
    csv: (data) => csvTable(`cases-by-${data.groupBy}`, AREA_COUNT_CSV, [...data.rows, { code: 'total', nameTh: 'รวม', ...data.total }]),
  }),
  report({
    path: 'dimensions',
    summary: 'Assistance per dimension in a fiscal year: households, persons, projects, baht spent, items given',
    roles: AREA_ROLES,
    querystring: YearQuery,
    response: DimensionsReport,
    area: areaOf,
    year: currentYear,
    read: (em, { scope, fy }) => assistanceByDimension(em, scope, fy),
    json: (data, meta) => ({ meta, ...data }),
    csv: (data) => csvTable('dimensions', ASSISTANCE_CSV, [...data.dimensions, { dimension: 'total', dimensionTh: 'รวม', ...data.total }]),
  }),
  report({
    path: 'outcomes',
    summary: 'Follow-up outcomes per district (or subdistrict): solved, waiting for follow-up, being followed up, not yet solvable',
    roles: AREA_ROLES,
    querystring: SnapshotByAreaQuery,
    response: OutcomesReport,
    area: areaOf,
    year: intakeYear,
    read: (em, { scope, fy, query }) => outcomeSummary(em, scope, fy, query.groupBy),
    json: (data, meta) => ({ meta, ...data }),
    csv: (data) => csvTable(`outcomes-by-${data.groupBy}`, OUTCOME_CSV, [...data.rows, { code: 'total', nameTh: 'รวม', ...data.total }]),
  }),
  report({
    path: 'monthly-trend',
    summary: 'Cases opened, closed and graduated in each month of a fiscal year',
    roles: AREA_ROLES,
    querystring: YearQuery,
    response: MonthlyTrendReport,
    area: areaOf,
    year: currentYear,
    read: (em, { scope, fy }) => monthlyTrend(em, scope, fy),
    json: (data, meta) => ({ meta, ...data }),
    csv: (data, { fy }) => csvTable('monthly-trend', TREND_CSV, [...data.months, { month: 'total', monthTh: `รวมปีงบประมาณ ${fy.year}`, ...data.total }]),
  }),
  report({
    path: 'agency-monthly',
    summary: 'Monthly assistance statistics per agency over a fiscal year (activities, households, baht, items)',
    roles: AGENCY_ROLES,
    querystring: AgencyQuery,
    response: AgencyMonthlyReport,
    area: areaOf,
    year: currentYear,
    read: (em, { scope, fy, query, principal }) => agencyMonthly(em, scope, fy, agencyFilter(principal, query.agencyCode)),
    json: (data, meta) => ({ meta, ...data }),
    csv: (data, { fy }) => csvTable('agency-monthly', AGENCY_MONTH_CSV, agencyMonthCsvRows(data, fy)),
  }),
  report({
    path: 'district-grades',
    summary: "District grades (A–D) for the households helped in a fiscal year, judged on the next year's survey",
    roles: GRADE_ROLES,
    querystring: GradeQuery,
    response: DistrictGradesReport,
    area: (query) => ({ provinceCode: query.provinceCode, districtCode: query.districtCode }),
    year: lastEndedYear,
    read: (em, { scope, fy }) => districtGrades(em, scope, fy),
    json: (data, meta) => ({ meta, ...data }),
    csv: (data) => csvTable('district-grades', GRADE_CSV, data.districts),
  }),
  report({
    path: 'forms/sjp3',
    summary: 'Form ศจพ.3: the 4ท analysis of every analysed household of a subdistrict',
    roles: SJP3_ROLES,
    querystring: Sjp3Query,
    response: Sjp3Report,
    area: ({ subdistrictCode }) => ({ subdistrictCode }),
    year: intakeYear,
    read: async (em, { scope, fy, principal }) => ({ households: await sjp3(em, scope, fy), reporter: (await displayNames(em, [principal.userId])).get(principal.userId) ?? null }),
    json: ({ households, reporter }, meta, { query: { subdistrictCode }, principal, fy }) => ({
      meta,
      heading: formHeading({ form: 'sjp3', areaCode: subdistrictCode, fy, reporter: { principal, name: reporter } }),
      subdistrictCode,
      subdistrictNameTh: subdistrictTh(subdistrictCode),
      households,
    }),
    csv: ({ households }) => csvTable('sjp3', SJP3_CSV, households),
  }),
  report({
    path: 'forms/sjp4',
    summary: 'Form ศจพ.4: the plan summary per subdistrict of a district',
    roles: AREA_ROLES,
    querystring: Sjp4Query,
    response: Sjp4Report,
    area: ({ districtCode }) => ({ districtCode }),
    year: intakeYear,
    read: async (em, { scope, fy, principal }) => ({ data: await sjp4(em, scope, fy), reporter: (await displayNames(em, [principal.userId])).get(principal.userId) ?? null }),
    json: ({ data, reporter }, meta, { query: { districtCode }, principal, fy }) => ({
      meta,
      heading: formHeading({ form: 'sjp4', areaCode: districtCode, fy, reporter: { principal, name: reporter } }),
      districtCode,
      districtNameTh: districtTh(districtCode),
      ...data,
    }),
    csv: ({ data }) => {
      const { columns, rows } = sjp4Csv(data);
      return csvTable('sjp4', columns, rows);
    },
  }),
];

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
  for (const route of REPORTS) route.register(app);
  householdForm3Route(app, SJP3_ROLES);
};
