import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { meetingOpenedUpdate, meetingStateQuery, recordDecisionsUpdate, type DistrictMeetingInput } from '../../workflows/district-meeting/messages';
import type { districtMeetingWorkflow } from '../../workflows/district-meeting/workflow';
import type { Role } from '../../workflows/roles';
import { actorOf } from '../../domain/scope';
import { ApiError } from '../errors';
import { audit, IdempotencyHeaders, idempotencyKey, updateIdFor } from '../request-context';
import { withErrors } from '../schemas/common';
import { checkReferences } from '../scope';
import {
  checkDecisions,
  DecisionsBody,
  DecisionsResult,
  listMeetings,
  MEETING_ID_PATTERN,
  meetingIdFor,
  meetingInScope,
  MeetingListQuery,
  MeetingPage,
  MeetingView,
  readMeeting,
} from '../services/meetings';

const READERS: readonly Role[] = ['district', 'province', 'supervisor', 'admin'];
// The meeting workflow accepts decisions from these roles; the district's own by area scope.
const DECIDERS: readonly Role[] = ['district', 'supervisor', 'admin'];
const MeetingParams = Type.Object({ meetingId: Type.String({ pattern: MEETING_ID_PATTERN, maxLength: 100 }) });

export const meetingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** The entity of this caller's earlier request with the same Idempotency-Key, if any. */
  const auditedBefore = async (request: FastifyRequest, action: string): Promise<string | undefined> => {
    const key = idempotencyKey(request);
    if (!key) return undefined;
    const [row] = await request.em.execute<Array<{ entity_id: string }>>('select entity_id from audit_event where actor_id = ? and idempotency_key = ?', [request.principal.userId, `${action}:${key}`]);
    return row?.entity_id;
  };

  app.get(
    '/meetings',
    {
      config: { roles: READERS },
      schema: { tags: ['meetings'], summary: 'District meetings in my area', querystring: MeetingListQuery, response: withErrors({ 200: MeetingPage }, 401, 403) },
    },
    async (request) => listMeetings(request.em, request.principal, request.query),
  );

  app.get(
    '/meetings/:meetingId',
    {
      config: { roles: READERS },
      schema: { tags: ['meetings'], summary: 'A meeting with its live agenda and decision results', params: MeetingParams, response: withErrors({ 200: MeetingView }, 401, 403, 404) },
    },
    async (request) => {
      meetingInScope(request.principal, request.params.meetingId);
      return readMeeting(request.em, app.temporal, request.params.meetingId);
    },
  );

  app.post(
    '/meetings',
    {
      config: { roles: ['district'] },
      schema: {
        tags: ['meetings'],
        summary: "Hold my district's meeting now (besides the monthly one): its agenda is every case waiting for assignment",
        headers: IdempotencyHeaders,
        response: withErrors({ 201: Type.Object({ meetingId: Type.String() }) }, 401, 403),
      },
    },
    async (request, reply) => {
      const { districtCode, provinceCode } = request.principal;
      if (!districtCode || !provinceCode) throw new ApiError(403, 'only a district secretariat account (with its district) can hold a meeting', undefined, 'FORBIDDEN_SCOPE');
      const meetingId = meetingIdFor(districtCode);
      const handle = await app.temporal.workflow.start<typeof districtMeetingWorkflow>('districtMeetingWorkflow', {
        workflowId: meetingId,
        taskQueue: app.config.temporal.taskQueue,
        args: [{ districtCode, provinceCode } satisfies DistrictMeetingInput],
      });
      // Read-your-writes: answer once the agenda is loaded and the meeting's row is written.
      await handle.executeUpdate(meetingOpenedUpdate, { args: [] });
      await audit(request, 'meeting.start', 'meeting', meetingId, { districtCode });
      return reply.status(201).send({ meetingId });
    },
  );

  app.post(
    '/meetings/:meetingId/decisions',
    {
      config: { roles: DECIDERS },
      schema: {
        tags: ['meetings'],
        summary: 'Record the meeting decisions: each case assigned or escalated, answered case by case',
        params: MeetingParams,
        headers: IdempotencyHeaders,
        body: DecisionsBody,
        response: withErrors({ 200: DecisionsResult }, 401, 403, 404, 409, 422),
      },
    },
    async (request) => {
      const { meetingId } = request.params;
      meetingInScope(request.principal, meetingId);
      const handle = app.temporal.workflow.getHandle(meetingId);
      const meeting = await handle.query(meetingStateQuery);
      const { decisions } = request.body;
      if (meeting.status !== 'open') {
        // The meeting ends once decided: a retry of the same request gets the first answer back.
        if (await auditedBefore(request, 'meeting.decisions')) return { meetingId, status: meeting.status, results: meeting.results };
        throw new ApiError(409, `the meeting is ${meeting.status}`, undefined, 'MEETING_CLOSED');
      }
      await checkReferences(request.em, checkDecisions(meeting, decisions));
      const state = await handle.executeUpdate(recordDecisionsUpdate, { args: [{ actor: actorOf(request.principal), decisions }], updateId: updateIdFor(request, 'meeting.decisions') });
      await audit(request, 'meeting.decisions', 'meeting', meetingId, { decisions: decisions.length, failed: state.results.filter((r) => !r.ok).map((r) => r.caseId) });
      return { meetingId, status: state.status, results: state.results };
    },
  );
};
