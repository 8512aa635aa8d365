import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const inboxRoutes: FastifyPluginAsyncTypebox = async () => {};
