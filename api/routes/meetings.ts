import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const meetingsRoutes: FastifyPluginAsyncTypebox = async () => {};
