import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import isValidThaiId from 'thai-id-validator';
import { maskedNationalId } from '../../domain/scope';
import { ApiError } from '../errors';
import { audit } from '../request-context';
import { withErrors } from '../schemas/common';
import {
  HouseholdDetail,
  HouseholdDetailQuery,
  householdDetail,
  HouseholdPage,
  HouseholdSearchQuery,
  householdsByNationalId,
  NationalIdSearchBody,
  NationalIdSearchResult,
  searchHouseholds,
} from '../services/households';

const HouseholdParams = Type.Object({ householdId: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }) });
const MIN_PURPOSE = 10;

export const householdsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/households',
    {
      schema: {
        tags: ['households'],
        summary: 'Search households in my area by name, house code or area',
        querystring: HouseholdSearchQuery,
        response: withErrors({ 200: HouseholdPage }, 401),
      },
    },
    async (request) => searchHouseholds(request.em, app.orm, request.principal, request.query),
  );

  app.get(
    '/households/:householdId',
    {
      schema: {
        tags: ['households'],
        summary: 'A household with its members, case, problems, tasks and timeline (newest first)',
        params: HouseholdParams,
        querystring: HouseholdDetailQuery,
        response: withErrors({ 200: HouseholdDetail }, 401, 404),
      },
    },
    async (request) => householdDetail(request.em, request.principal, request.params.householdId, request.query),
  );

  app.post(
    '/households/search-by-national-id',
    {
      // A national-ID lookup is personal data on demand: every one is audited with its purpose,
      // and a user cannot sweep the register.
      config: { rateLimit: { max: 30, timeWindow: '1 minute', keyGenerator: (request) => request.principal?.userId ?? request.ip } },
      schema: {
        tags: ['households'],
        summary: 'Find the household of a person by national ID (audited with the stated purpose)',
        body: NationalIdSearchBody,
        response: withErrors({ 200: NationalIdSearchResult }, 401, 422, 429),
      },
    },
    async (request) => {
      const { nationalId } = request.body;
      const purpose = request.body.purpose?.trim() ?? '';
      if (purpose.length < MIN_PURPOSE) throw new ApiError(422, `state the purpose of the search (at least ${MIN_PURPOSE} characters)`, 'body.purpose', 'PURPOSE_REQUIRED');
      if (!/^[0-9]{13}$/.test(nationalId) || !isValidThaiId(nationalId)) throw new ApiError(422, 'not a valid national ID: 13 digits with a correct check digit', 'body.nationalId', 'INVALID_NATIONAL_ID');
      const items = await householdsByNationalId(request.em, request.principal, nationalId);
      const masked = maskedNationalId(nationalId);
      await audit(request, 'household.searchByNationalId', 'household', items[0]?.householdId ?? masked, {
        purpose,
        nationalId: masked,
        matchedHouseholdIds: [...new Set(items.map((i) => i.householdId))],
      });
      return { items };
    },
  );
};
