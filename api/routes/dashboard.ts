import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DistrictCode, ProvinceCode, SubdistrictCode } from '../../domain/contract/common';
import { fiscalYear, fiscalYearOf } from '../../domain/fiscal-year';
import type { Role } from '../../workflows/roles';
import { withErrors } from '../schemas/common';
import { inReportSnapshot, reportMeta } from '../services/reports/common';
import { dashboard, Dashboard } from '../services/reports/dashboard';
import { reportScope } from '../services/reports/scope';

/** The levels that watch others; a mentor, team or agency works from its own lists instead. */
const DASHBOARD_ROLES = ['district', 'province', 'supervisor', 'admin'] as const satisfies readonly Role[];

const DashboardQuery = Type.Object(
  {
    provinceCode: Type.Optional(ProvinceCode),
    districtCode: Type.Optional(DistrictCode),
    subdistrictCode: Type.Optional(SubdistrictCode),
  },
  { additionalProperties: false },
);

export const dashboardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/dashboard',
    {
      config: { roles: DASHBOARD_ROLES },
      schema: {
        tags: ['reports'],
        summary: 'The current fiscal year at a glance for your area: households in the program, by stage, overdue, escalated, graduated, baht by dimension, the monthly trend and the areas one level down',
        querystring: DashboardQuery,
        response: withErrors({ 200: Dashboard }, 400, 401, 403, 404),
      },
    },
    async (request) => {
      const scope = reportScope(request.principal, request.query);
      const fy = fiscalYear(fiscalYearOf(new Date()));
      const report = await inReportSnapshot(request.em, (em) => dashboard(em, scope, fy));
      return { meta: reportMeta(scope, fy), ...report };
    },
  );
};
