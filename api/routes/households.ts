import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const householdsRoutes: FastifyPluginAsyncTypebox = async () => {};
