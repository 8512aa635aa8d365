import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { BulkArea, BulkParams } from '../../db/bulk-jobs';
import { DistrictCode, literals, ProvinceCode, SubdistrictCode } from '../../domain/contract/common';
import { BulkJobView } from '../../domain/contract/policy';
import { actorOf, areaInScope } from '../../domain/scope';
import { PAUSE_REASONS } from '../../domain/vocabulary';
import { ApiError } from '../errors';
import { audit, IdempotencyHeaders, idempotencyKey } from '../request-context';
import { withErrors } from '../schemas/common';
import { startBulkJob } from '../services/bulk-jobs';
import { checkReferences } from '../scope';

const AreaBody = {
  provinceCode: ProvinceCode,
  districtCode: Type.Optional(DistrictCode),
  subdistrictCode: Type.Optional(SubdistrictCode),
};
const ResumeBody = Type.Object(AreaBody, { additionalProperties: false });
const PauseBody = Type.Object({ ...AreaBody, reason: literals(PAUSE_REASONS), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });

/**
 * An emergency (a flood, a lockdown) stops work on a whole area at once: every active case of the
 * area is paused with the reason, through the ordinary per-case pause (its timers stop, its tasks
 * pause), as a bulk job with progress; resuming the area is the same in reverse. The program's
 * lessons name this (docs/PROGRAM.md, "Emergencies").
 */
export const areaPauseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = <B extends typeof PauseBody | typeof ResumeBody>(summary: string, body: B) => ({ tags: ['policies'], summary, headers: IdempotencyHeaders, body, response: withErrors({ 202: BulkJobView }, 401, 403, 404, 422) });
  const config = { roles: ['district', 'province', 'admin'] as const };

  /** The area named, checked against the caller's own; then the job, one per Idempotency-Key. */
  const run = async (request: FastifyRequest, body: Static<typeof ResumeBody>, params: (area: BulkArea) => BulkParams) => {
    const area: BulkArea = { provinceCode: body.provinceCode, ...(body.districtCode ? { districtCode: body.districtCode } : {}), ...(body.subdistrictCode ? { subdistrictCode: body.subdistrictCode } : {}) };
    // A district official pauses within the district: the area named must lie inside it.
    if (request.principal.role === 'district' && !body.districtCode) throw new ApiError(422, 'a district official names the district to pause', 'body.districtCode', 'REQUIRED');
    const probe = { provinceCode: area.provinceCode, districtCode: area.districtCode ?? request.principal.districtCode ?? '', subdistrictCode: area.subdistrictCode ?? request.principal.subdistrictCode ?? '' };
    if (!areaInScope(request.principal, probe)) throw new ApiError(403, 'the area is outside your own', 'body', 'OUTSIDE_SCOPE');
    await checkReferences(request.em, [{ kind: 'area', area: { provinceCode: area.provinceCode, districtCode: area.districtCode ?? null, subdistrictCode: area.subdistrictCode ?? null }, field: 'body' }]);
    const job = params(area);
    // A retry with the same key is the same job; without a key every request is a new job, which
    // finds the cases already paused and skips them.
    const key = idempotencyKey(request);
    const jobId = `${job.kind}-${key ? `${request.principal.userId}-${key}` : randomUUID()}`;
    const view = await startBulkJob(app, request.em, jobId, job);
    await audit(request, job.kind === 'pauseArea' ? 'area.pause' : 'area.resume', 'area', [area.provinceCode, area.districtCode, area.subdistrictCode].filter(Boolean).join('/'), { ...body, jobId });
    return view;
  };

  app.post('/areas/pause', { config, schema: schema('Pause every active case of an area (a disaster, a lockdown), as a bulk job', PauseBody) }, async (request, reply) => {
    const { reason, note } = request.body;
    const actor = actorOf(request.principal);
    return reply.status(202).send(await run(request, request.body, (area) => ({ kind: 'pauseArea', actor, area, reason, ...(note ? { note } : {}) })));
  });
  app.post('/areas/resume', { config, schema: schema('Resume every paused case of an area, as a bulk job', ResumeBody) }, async (request, reply) => {
    const actor = actorOf(request.principal);
    return reply.status(202).send(await run(request, request.body, (area) => ({ kind: 'resumeArea', actor, area })));
  });
};
