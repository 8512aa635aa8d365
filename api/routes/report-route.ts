import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { FastifyReply } from 'fastify';
import { fiscalYear, fiscalYearOf, type FiscalYear } from '../../domain/fiscal-year';
import type { Principal } from '../../domain/scope';
import type { Role } from '../../workflows/roles';
import { ApiError } from '../errors';
import { withErrors } from '../schemas/common';
import { inReportSnapshot, reportMeta, type ReportMeta } from '../services/reports/common';
import { sendCsv, type CsvColumn } from '../services/reports/csv';
import { reportScope, type AreaFilter, type ReportScope } from '../services/reports/scope';

/**
 * What a report is, as a row of the reports table (api/routes/reports.ts), and how one row
 * becomes a GET route. Every report shares the same steps (scope the caller's area, settle the
 * fiscal year, read one snapshot, answer JSON or CSV), so a report only says what differs.
 */
type TypeBoxApp = Parameters<FastifyPluginAsyncTypebox>[0];

/** What a report's functions know about the request. */
export interface ReportRequest<Q, Y extends FiscalYear | null> {
  query: Q;
  principal: Principal;
  scope: ReportScope;
  fy: Y;
}

/** A CSV download: its rows and columns, whatever a row is. */
export interface CsvTable {
  /** The file name's first part; the year and the area are added to it. */
  name: string;
  send: (reply: FastifyReply, filename: string) => FastifyReply;
}

export function csvTable<R>(name: string, columns: Array<CsvColumn<R>>, rows: R[]): CsvTable {
  return { name, send: (reply, filename) => sendCsv(reply, filename, columns, rows) };
}

export interface ReportDefinition<Q extends TObject, R extends TSchema, Y extends FiscalYear | null, D> {
  path: string;
  summary: string;
  roles: readonly Role[];
  querystring: Q;
  /** The JSON answer's schema (the CSV is documented beside it). */
  response: R;
  /** The area the caller asked for (the caller's own area narrows it further). */
  area: (query: Static<Q>) => AreaFilter;
  /** The fiscal year the report covers: one of intakeYear, currentYear, lastEndedYear. */
  year: (query: Static<Q>) => Y;
  read: (em: EntityManager, request: ReportRequest<Static<Q>, Y>) => Promise<D>;
  json: (data: D, meta: ReportMeta, request: ReportRequest<Static<Q>, Y>) => Static<R>;
  csv: (data: D, request: ReportRequest<Static<Q>, Y>) => CsvTable;
}

interface YearQuery {
  fiscalYear?: number;
}

/** Snapshot reports: a fiscal year, when asked for, narrows them to the cases opened in it. */
export const intakeYear = (query: YearQuery): FiscalYear | null => (query.fiscalYear ? fiscalYear(query.fiscalYear) : null);
/** Year reports: the year asked for, or the current one. */
export const currentYear = (query: YearQuery): FiscalYear => fiscalYear(query.fiscalYear ?? fiscalYearOf(new Date()));
/** Grades judge a year on the next year's survey: the year asked for, or the last one that has ended. */
export const lastEndedYear = (query: YearQuery): FiscalYear => fiscalYear(query.fiscalYear ?? fiscalYearOf(new Date()) - 1);

/** A registered report, whatever its types: the table holds these. */
export interface ReportRoute {
  path: string;
  register: (app: TypeBoxApp) => void;
}

export const report = <Q extends TObject, R extends TSchema, Y extends FiscalYear | null, D>(definition: ReportDefinition<Q, R, Y, D>): ReportRoute => ({
  path: definition.path,
  register: (app) => registerReport(app, definition),
});

/** The JSON report, or the same report as CSV: both are documented on the 200 answer. */
function responses(json: TSchema) {
  return {
    ...withErrors({}, 401, 403, 404),
    200: {
      description: 'The report; with format=csv the same rows as a CSV attachment',
      content: { 'application/json': { schema: json }, 'text/csv': { schema: Type.String() } },
    },
  };
}

/** `format=csv`, read without knowing the report's own query type (every report's query has `format`). */
function wantsCsv(query: unknown): boolean {
  return typeof query === 'object' && query !== null && 'format' in query && query.format === 'csv';
}

function registerReport<Q extends TObject, R extends TSchema, Y extends FiscalYear | null, D>(app: TypeBoxApp, definition: ReportDefinition<Q, R, Y, D>): void {
  // A type guard compiled from the schema ajv validated the query with (and filled in its
  // defaults): it gives the query its static type without a cast. The route's own schema is
  // declared as a plain TSchema, since Fastify cannot resolve a generic one; the definition's
  // json() is what the compiler holds to the response schema.
  const queryOfType = TypeCompiler.Compile(definition.querystring);
  const schema: { tags: string[]; summary: string; querystring: TSchema; response: ReturnType<typeof responses> } = {
    tags: ['reports'],
    summary: definition.summary,
    querystring: definition.querystring,
    response: responses(definition.response),
  };
  app.get(`/reports/${definition.path}`, { config: { roles: definition.roles }, schema }, async (request, reply) => {
    const query: unknown = request.query;
    if (!queryOfType.Check(query)) throw new ApiError(400, 'the query does not match its schema', 'querystring', 'VALIDATION');
    const scope = reportScope(request.principal, definition.area(query));
    const context: ReportRequest<Static<Q>, Y> = { query, principal: request.principal, scope, fy: definition.year(query) };
    // Every report reads one snapshot of the read model, on a fork of its own.
    const data = await inReportSnapshot(request.em, (em) => definition.read(em, context));
    if (wantsCsv(query)) {
      const table = definition.csv(data, context);
      return table.send(reply, `${table.name}-${context.fy ? context.fy.year : 'all'}-${scope.tag()}.csv`);
    }
    return definition.json(data, reportMeta(scope, context.fy), context);
  });
}
