import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { withErrors } from '../schemas/common';
import { InboxPage, InboxQuery, readInbox } from '../services/inbox';

export const inboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/inbox',
    {
      schema: {
        tags: ['inbox'],
        summary: 'My open work items for my role and area (an agency: its tasks), overdue first, with counters',
        querystring: InboxQuery,
        response: withErrors({ 200: InboxPage }, 401, 403),
      },
    },
    async (request) => readInbox(request.em, request.principal, request.query),
  );
};
