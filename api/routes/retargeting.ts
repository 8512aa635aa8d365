import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ImportNotReconcilable, reconciliation } from '../../db/retargeting';
import { LISTING_GROUPS, Reconciliation } from '../../domain/contract/retargeting';
import { literals } from '../../domain/contract/common';
import { ApiError } from '../errors';
import { withErrors } from '../schemas/common';
import { sendCsv } from '../services/reports/csv';
import { importInScope } from '../services/imports/reads';
import { IMPORTERS } from './imports';
import { ACTION_RULES } from '../../workflows/household-case/rules';

/** A CSV export holds a whole group; the JSON answer pages it. */
const CSV_ROWS = 100_000;

/**
 * The annual re-targeting report of a TPMAP list (docs/PROGRAM.md, "The program year"): after the
 * import completes, its rows against the program in four groups, by subdistrict, and the flagged
 * problems by dimension beside last year's list. Each group pages as JSON or downloads as CSV.
 */
export const retargetingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/imports/:importId/reconciliation',
    {
      config: { roles: IMPORTERS },
      schema: {
        tags: ['imports'],
        summary: "A target list against the program: new, still flagged, no longer flagged, returning",
        params: Type.Object({ importId: Type.String({ maxLength: 80 }) }),
        querystring: Type.Object(
          {
            group: Type.Optional(literals(LISTING_GROUPS)),
            format: Type.Optional(literals(['json', 'csv'] as const)),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
            offset: Type.Integer({ minimum: 0, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Reconciliation }, 401, 403, 404, 409),
      },
    },
    async (request, reply) => {
      const em = request.em;
      await importInScope(em, request.principal, request.params.importId);
      const group = request.query.group ?? 'new';
      const csv = request.query.format === 'csv';
      const report = await reconciliation(em, request.params.importId, group, csv ? { limit: CSV_ROWS, offset: 0 } : request.query).catch((error: unknown) => {
        if (error instanceof ImportNotReconcilable) throw new ApiError(409, error.message, 'params.importId', 'IMPORT_NOT_RECONCILABLE');
        throw error;
      });
      if (!csv) return { ...report, mayReopen: ACTION_RULES.reopenCase.roles.includes(request.principal.role) };
      return sendCsv(reply, `reconciliation-${group}-${report.fiscalYear}.csv`, [
        { header: 'กลุ่ม (group)', value: () => group },
        { header: 'ชื่อหัวหน้าครัวเรือน (head_name)', value: (c) => c.headName },
        { header: 'หมู่ (village_no)', value: (c) => c.villageNo },
        { header: 'ตำบล (subdistrict)', value: (c) => c.subdistrictName ?? c.subdistrictCode },
        { header: 'ขั้นตอน (stage)', value: (c) => c.stage },
        { header: 'สถานะ (status)', value: (c) => c.status },
        { header: 'เปิดกรณีเดิมได้ (can_reopen)', value: (c) => c.canReopen },
        { header: 'กรณีเดิมปิดเมื่อ (previous_closed_at)', value: (c) => c.previousClosedAt },
        { header: 'รหัสครัวเรือน (household_id)', value: (c) => c.householdId },
      ], report.cases);
    },
  );
};
