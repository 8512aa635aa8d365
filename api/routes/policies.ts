import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Type } from '@sinclair/typebox';
import { bulkJobView } from '../../db/bulk-jobs';
import { insertPolicy, isPastDay, listPolicies, policyByVersion, policyVersionName, previewMigration } from '../../db/policies';
import { BulkJobView, MigrationPreview, NewPolicyBody, PolicyList, PolicyVersion } from '../../domain/contract/policy';
import { ProvinceCode } from '../../domain/contract/common';
import { actorOf, type Principal } from '../../domain/scope';
import { ApiError, notFound } from '../errors';
import { audit, IdempotencyHeaders } from '../request-context';
import { withErrors } from '../schemas/common';
import { bulkJobAnswer, startBulkJob } from '../services/bulk-jobs';

const MANAGERS = ['province', 'admin'] as const;
const READERS = ['province', 'admin', 'supervisor'] as const;

/**
 * The province a caller may act for: a province official only their own; admins (and supervisors,
 * reading) any, or the national default (null). A province official naming another gets 403.
 */
function provinceFor(principal: Principal, asked: string | null | undefined, field: string): string | null {
  if (principal.role === 'province') {
    if (asked !== undefined && asked !== principal.provinceCode) throw new ApiError(403, 'a province official manages the policy of their own province only', field, 'OUTSIDE_SCOPE');
    return principal.provinceCode;
  }
  return asked ?? null;
}

/**
 * Each province's own timing rules (docs/PROGRAM.md, "The program year"): versions are never
 * edited, a new one takes effect on a day, new cases take the version in force, and running cases
 * move only by an explicit, previewed migration that runs as a bulk workflow with progress.
 */
export const policyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/policies',
    {
      config: { roles: READERS },
      schema: { tags: ['policies'], summary: 'The policy versions of a province (and the national default), newest first', querystring: Type.Object({ provinceCode: Type.Optional(ProvinceCode) }, { additionalProperties: false }), response: withErrors({ 200: PolicyList }, 401, 403) },
    },
    async (request) => {
      const provinceCode = provinceFor(request.principal, request.query.provinceCode, 'querystring.provinceCode');
      return { provinceCode, ...(await listPolicies(request.em, provinceCode)) };
    },
  );

  app.post(
    '/policies',
    {
      config: { roles: MANAGERS },
      schema: { tags: ['policies'], summary: 'Store a new policy version, in force from a day on', headers: IdempotencyHeaders, body: NewPolicyBody, response: withErrors({ 201: PolicyVersion }, 401, 403, 409, 422) },
    },
    async (request, reply) => {
      const body = request.body;
      if (body.provinceCode === null && request.principal.role !== 'admin') throw new ApiError(403, 'only an administrator sets the national default', 'body.provinceCode', 'FORBIDDEN_ROLE');
      provinceFor(request.principal, body.provinceCode, 'body.provinceCode');
      const { settings } = body;
      const shortestDue = Math.min(...Object.values(settings.dueDays));
      if (settings.reminderDaysBefore >= shortestDue) throw new ApiError(422, `the reminder (${settings.reminderDaysBefore} days before) must come before the shortest due period (${shortestDue} days)`, 'body.settings.reminderDaysBefore', 'REMINDER_AFTER_DUE');
      if (settings.followUpMonths.some((m, i) => i > 0 && m <= settings.followUpMonths[i - 1])) throw new ApiError(422, 'follow-up visits must be in increasing months', 'body.settings.followUpMonths', 'NOT_IN_ORDER');
      const { em } = request;
      if (await isPastDay(em, body.effectiveFrom)) throw new ApiError(422, 'a new version cannot take effect in the past (Bangkok day)', 'body.effectiveFrom', 'DATE_IN_PAST');
      if (!(await insertPolicy(em, body, request.principal.userId))) throw new ApiError(409, 'this area already has a version from that day', 'body.effectiveFrom', 'POLICY_EXISTS');
      const version = policyVersionName(body);
      await audit(request, 'policy.create', 'policy', version, { ...body });
      const stored = (await listPolicies(em, body.provinceCode)).versions.find((v) => v.version === version);
      if (!stored) throw notFound();
      return reply.status(201).send(stored);
    },
  );

  const VersionParams = Type.Object({ version: Type.String({ maxLength: 80 }) });
  const loadVersion = async (em: EntityManager, principal: Principal, version: string) => {
    const policy = await policyByVersion(em, version);
    // The national default is no province's to migrate to; another province's version is not found.
    if (!policy?.provinceCode || (principal.role === 'province' && policy.provinceCode !== principal.provinceCode)) throw notFound();
    return { ...policy, provinceCode: policy.provinceCode };
  };

  app.get(
    '/policies/:version/migration-preview',
    {
      config: { roles: MANAGERS },
      schema: { tags: ['policies'], summary: 'What moving the running cases to this version would do', params: VersionParams, response: withErrors({ 200: MigrationPreview }, 401, 403, 404) },
    },
    async (request) => {
      const policy = await loadVersion(request.em, request.principal, request.params.version);
      return previewMigration(request.em, policy, policy.provinceCode);
    },
  );

  app.post(
    '/policies/:version/migration',
    {
      config: { roles: MANAGERS },
      schema: { tags: ['policies'], summary: 'Move every running case of the province to this version (a bulk job; asking again answers the same job)', params: VersionParams, headers: IdempotencyHeaders, response: withErrors({ 202: BulkJobView }, 401, 403, 404) },
    },
    async (request, reply) => {
      const policy = await loadVersion(request.em, request.principal, request.params.version);
      const jobId = `policy-${policy.version}`;
      const job = await startBulkJob(app, request.em, jobId, { kind: 'migratePolicy', actor: actorOf(request.principal), policy });
      await audit(request, 'policy.migrate', 'policy', policy.version, { jobId });
      return reply.status(202).send(job);
    },
  );

  app.get(
    '/bulk-jobs/:jobId',
    {
      config: { roles: READERS },
      schema: { tags: ['policies'], summary: 'Progress of a bulk job', params: Type.Object({ jobId: Type.String({ maxLength: 120 }) }), response: withErrors({ 200: BulkJobView }, 401, 403, 404) },
    },
    async (request) => {
      const job = await bulkJobView(request.em, request.params.jobId);
      if (!job) throw notFound();
      const province = job.params.kind === 'migratePolicy' ? job.params.policy.provinceCode : job.params.area.provinceCode;
      if (request.principal.role === 'province' && province !== request.principal.provinceCode) throw notFound();
      return bulkJobAnswer(request.em, job.id);
    },
  );
};
