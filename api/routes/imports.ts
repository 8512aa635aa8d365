import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdempotencyHeaders } from '../request-context';
import { withErrors } from '../schemas/common';
import { describeColumns } from '../services/imports/columns';
import { IMPORT_ID_PATTERN } from '../../db/import-jobs';
import { importInScope, ImportView, listImports, listRejects, RejectedRow, rejectsCsv } from '../services/imports/reads';
import { acceptUpload, MAX_FILE_BYTES, MAX_ROWS, MULTIPART_LIMITS } from '../services/imports/upload';
import { AcceptedHousehold, listAccepted } from '../services/imports/accepted';
import { importTemplate, TEMPLATE_TYPES, templateFilename } from '../services/imports/template';

export const IMPORTERS = ['operationsTeam', 'district', 'province', 'supervisor', 'admin'] as const;

const ImportAccepted = Type.Object({
  importId: Type.String(),
  status: Type.String({ description: 'queued; a retry with the same Idempotency-Key and file answers the same (another file: 422)' }),
  totalRows: Type.Integer(),
});
/** The template's bytes: a Buffer to Fastify, a binary string to OpenAPI. */
const TemplateFile = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const ImportParams = Type.Object({ importId: Type.String({ pattern: IMPORT_ID_PATTERN }) });
const Page = { limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }), offset: Type.Integer({ minimum: 0, default: 0 }) };

const UPLOAD_RULES = `Send the file as multipart/form-data in a part named \`file\` (one file, at most ${MAX_FILE_BYTES / 1024 / 1024} MB and ${MAX_ROWS.toLocaleString('en')} rows): a CSV in UTF-8 with or without BOM ("CSV UTF-8" in Excel), UTF-16 or Windows-874/TIS-620, comma-separated, every row as many values as the header; or an Excel workbook (\`.xlsx\`), whose first sheet is read (numbers and dates as text, cells past the header's last column ignored). The first row is the header, in Thai or English (GET /imports/templates/{kind} gives both). A workbook that cannot be read answers 422 \`XLSX_UNREADABLE\`. The file is staged and answered 202 at once; poll GET /imports/{importId} for progress and GET /imports/{importId}/rejects for the rows that were not taken, each with its row number, reason and column. A missing required column answers 422 naming the column; a file that is not CSV, in another encoding, malformed (broken quoting, a row of the wrong width) or empty answers 422 naming \`file\`; a broken multipart body 400; a file that is too large 413; another media type 415 naming \`headers.content-type\`; each with a stable \`code\`. Nothing is written for a file that is refused: the file is staged in one transaction. Send an Idempotency-Key to make a retried upload answer the same import.`;

const TARGETS_DOC = `Import a TPMAP target list: each accepted row opens the household's case, as POST /cases does, with the same checks. Rows outside your area, with a wrong check digit, an unknown area code, repeating an earlier row of the file (house code or national ID: "duplicate in file") or already in the program are rejected one by one; the rest of the file goes ahead.\n\n${UPLOAD_RULES}\n\nColumns:\n${describeColumns('targets')}`;

const SURVEY_DOC = `Import the annual survey (จปฐ.) results: each accepted row is a survey result for the household's case. A household that passed closes as graduated; the others stay in the program with their failed indicators updated. Rows for households not in the program (in your area) are rejected.\n\n${UPLOAD_RULES}\n\nColumns:\n${describeColumns('survey')}`;

export const importsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Registered here, not app-wide: only the import routes take uploads, and with these limits.
  await app.register(multipart, { limits: MULTIPART_LIMITS, throwFileSizeLimit: true });
  app.addSchema(ImportView);

  for (const kind of ['targets', 'survey'] as const) {
    app.post(
      `/imports/${kind}`,
      {
        config: { roles: IMPORTERS },
        schema: {
          tags: ['imports'],
          summary: kind === 'targets' ? 'Upload a TPMAP target list (CSV or .xlsx); opens a case per accepted row' : 'Upload annual survey results (CSV or .xlsx); passing households graduate',
          description: kind === 'targets' ? TARGETS_DOC : SURVEY_DOC,
          consumes: ['multipart/form-data'],
          headers: IdempotencyHeaders,
          // The fiscal year (Buddhist era) a target list is for; by default the year it is uploaded in.
          querystring: Type.Object({ fiscalYear: Type.Optional(Type.Integer({ minimum: 2560, maximum: 2700 })) }),
          response: withErrors({ 202: ImportAccepted }, 401, 403, 409, 413, 415, 422),
        },
      },
      async (request, reply) => {
        const accepted = await acceptUpload(app, request, kind);
        // Read when the list is reconciled, after the import completes (db/retargeting.ts).
        if (request.query.fiscalYear) await request.em.execute('update import_job set fiscal_year = ? where id = ? and fiscal_year is null', [request.query.fiscalYear, accepted.importId]);
        return reply.status(202).send(accepted);
      },
    );
  }

  app.get(
    '/imports/templates/:kind',
    {
      config: { roles: IMPORTERS },
      schema: {
        tags: ['imports'],
        summary: 'A blank template to fill in: the header row, in Thai or English; the .xlsx adds a second sheet with the column guide',
        params: Type.Object({ kind: Type.Union([Type.Literal('targets'), Type.Literal('survey')]) }),
        querystring: Type.Object(
          {
            format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'xlsx' }),
            lang: Type.Union([Type.Literal('th'), Type.Literal('en')], { default: 'th', description: 'the language of the header row; both are accepted on upload' }),
          },
          { additionalProperties: false },
        ),
        response: {
          ...withErrors({}, 401, 403),
          200: {
            description: 'The template as a download: a CSV (UTF-8 with a BOM) or an .xlsx workbook',
            content: { 'text/csv': { schema: TemplateFile }, [TEMPLATE_TYPES.xlsx]: { schema: TemplateFile } },
          },
        },
      },
    },
    async (request, reply) => {
      const { kind } = request.params;
      const { format, lang } = request.query;
      return reply
        .type(TEMPLATE_TYPES[format])
        .header('content-disposition', `attachment; filename="${templateFilename(kind, format, lang)}"`)
        .send(await importTemplate(kind, format, lang));
    },
  );

  app.get(
    '/imports',
    {
      config: { roles: IMPORTERS },
      schema: {
        tags: ['imports'],
        summary: 'Your imports, and those of the levels below you in your area; newest first',
        querystring: Type.Object({ kind: Type.Optional(Type.Union([Type.Literal('targets'), Type.Literal('survey')])), ...Page }, { additionalProperties: false }),
        response: withErrors({ 200: Type.Object({ total: Type.Integer(), items: Type.Array(Type.Ref('ImportView')) }) }, 401, 403),
      },
    },
    async (request) => listImports(request.em, request.principal, request.query),
  );

  app.get(
    '/imports/:importId',
    {
      config: { roles: IMPORTERS },
      schema: {
        tags: ['imports'],
        summary: "An import's progress: status and row counts",
        params: ImportParams,
        response: withErrors({ 200: Type.Ref('ImportView') }, 401, 403, 404),
      },
    },
    async (request) => importInScope(request.em, request.principal, request.params.importId),
  );

  app.get(
    '/imports/:importId/accepted',
    {
      config: { roles: IMPORTERS },
      schema: {
        tags: ['imports'],
        summary: 'The households the import took, by head, village and area, in row order: to open each one',
        params: ImportParams,
        querystring: Type.Object(Page, { additionalProperties: false }),
        response: withErrors({ 200: Type.Object({ total: Type.Integer(), items: Type.Array(AcceptedHousehold) }) }, 401, 403, 404),
      },
    },
    async (request) => {
      const { em } = request;
      await importInScope(em, request.principal, request.params.importId);
      return listAccepted(em, request.params.importId, request.query);
    },
  );

  app.get(
    '/imports/:importId/rejects',
    {
      config: { roles: IMPORTERS },
      schema: {
        tags: ['imports'],
        summary: 'The rejected rows with row number, reason and column; ?format=csv gives the whole list as a CSV report',
        params: ImportParams,
        querystring: Type.Object({ format: Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' }), ...Page }, { additionalProperties: false }),
        response: withErrors(
          { 200: Type.Object({ total: Type.Integer(), items: Type.Array(RejectedRow) }, { description: 'JSON pages; with format=csv, text/csv (row, field, reason, then the row as uploaded)' }) },
          401,
          403,
          404,
        ),
      },
    },
    async (request, reply) => {
      const { importId } = request.params;
      const em = request.em;
      const job = await importInScope(em, request.principal, importId);
      if (request.query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="import-${importId}-rejects.csv"`)
          .send(rejectsCsv(em, request.principal, importId, job.kind));
      }
      return listRejects(em, request.principal, importId, request.query);
    },
  );
};
