import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Role } from '../../workflows/roles';
import { ApiError } from '../errors';
import { withErrors } from '../schemas/common';
import { inReportSnapshot, reportMeta } from '../services/reports/common';
import { displayNames, formHeading } from '../services/reports/form-heading';
import { sjp3, Sjp3HouseholdReport } from '../services/reports/forms';
import { reportScope } from '../services/reports/scope';

type TypeBoxApp = Parameters<FastifyPluginAsyncTypebox>[0];

/**
 * Form ศจพ.3 for one household, to print and hand to the family. Not a row of the reports table:
 * it is about one household (a path parameter, no area or year filter), and answers 404 for a
 * household outside the caller's area, as every record outside it does.
 */
export function householdForm3Route(app: TypeBoxApp, roles: readonly Role[]): void {
  app.get(
    '/households/:householdId/form-3',
    {
      config: { roles },
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
      const { households, names } = await inReportSnapshot(request.em, async (em) => ({
        households: await sjp3(em, scope, null, request.params.householdId),
        names: await displayNames(em, [principal.userId]),
      }));
      const household = households[0];
      if (!household) throw new ApiError(404, 'Not found', 'params.householdId', 'NOT_FOUND');
      const heading = formHeading({ form: 'sjp3', areaCode: household.subdistrictCode, fy: null, reporter: { principal, name: names.get(principal.userId) ?? null }, headName: household.headName });
      return { meta: reportMeta(reportScope(principal, { subdistrictCode: household.subdistrictCode }), null), heading, household };
    },
  );
}
