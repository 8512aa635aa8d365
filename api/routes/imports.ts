import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const importsRoutes: FastifyPluginAsyncTypebox = async () => {};
