import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DistrictCode } from '../../domain/contract/common';
import { Type } from '@sinclair/typebox';
import { districtsOfProvince, loadAdminAreas, subdistrictsOfDistrict } from '../../db/reference/admin-areas';
import { agencies } from '../../db/reference/agencies';
import { dimensions, jptIndicators, tpmapIndicators } from '../../db/reference/indicators';
import { povertyMenu, proposeLeadAgency } from '../../db/reference/poverty-menu';
import { withErrors } from '../schemas/common';
import { AreaName, Reference } from '../views/reference-view';

/**
 * The reference data the web UI labels and offers choices from: dimensions, indicators (with the
 * proposed lead agencies), agencies, the poverty-solving menu and area names. It is the same data
 * the API checks codes against (db/reference), so a choice offered is a choice accepted.
 */
const SubdistrictQuery = Type.Object({ districtCode: DistrictCode }, { additionalProperties: false });

let cached: Reference | undefined;
function reference(): Reference {
  if (cached) return cached;
  const areas = loadAdminAreas();
  cached = {
    dimensions: dimensions().map((d) => ({ code: d.code, nameTh: d.th, nameEn: d.en })),
    indicators: tpmapIndicators().map((i) => ({ code: i.code, nameTh: i.th, nameEn: i.en, dimension: i.dimension, proposedAgencyCodes: proposeLeadAgency(i.code) })),
    jptIndicators: jptIndicators().map((i) => ({ code: `jpt-${i.no}`, nameTh: i.th, nameEn: i.en, dimension: i.dimension })),
    agencies: agencies().map((a) => ({ code: a.code, nameTh: a.nameTh, nameEn: a.nameEn, level: a.level })),
    menu: povertyMenu().map((m) => ({ code: m.code, nameTh: m.nameTh, nameEn: m.nameEn, dimension: m.dimension, phase: m.phase, providerAgencyCodes: m.providerAgencyCodes })),
    provinces: areas.provinces.map((p) => ({ code: p.code, nameTh: p.nameTh, nameEn: p.nameEn })),
    districts: areas.provinces.flatMap((p) => districtsOfProvince(p.code).map((d) => ({ code: d.code, nameTh: d.nameTh, nameEn: d.nameEn, provinceCode: d.provinceCode }))),
  };
  return cached;
}

export const referenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/reference',
    { schema: { tags: ['reference'], summary: 'Dimensions, indicators, agencies, the poverty-solving menu, provinces and districts', response: withErrors({ 200: Reference }, 401) } },
    async (_request, reply) => {
      // Reference data changes with a release, not during a session.
      void reply.header('cache-control', 'private, max-age=3600');
      return reference();
    },
  );
  app.get(
    '/reference/subdistricts',
    { schema: { tags: ['reference'], summary: 'The subdistricts of a district', querystring: SubdistrictQuery, response: withErrors({ 200: Type.Array(AreaName) }, 401) } },
    async (request) => subdistrictsOfDistrict(request.query.districtCode).map((s) => ({ code: s.code, nameTh: s.nameTh, nameEn: s.nameEn })),
  );
};
