import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const supervisorRoutes: FastifyPluginAsyncTypebox = async () => {};
