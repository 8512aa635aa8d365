import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { digestKinds, NotificationPreferencesBody, NotificationPreferencesView } from '../../domain/contract/notifications';
import { readPreferences, savePreferences } from '../../db/notifications';
import { ApiError } from '../errors';
import { audit, IdempotencyHeaders } from '../request-context';
import { withErrors } from '../schemas/common';

/**
 * Each person's own notification choices (docs/API.md, "Notifications"): per kind, the inbox only
 * or also the daily digest by e-mail, and the address it goes to. Only ever the caller's own:
 * there is no user ID in the path to point at someone else.
 */
export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notification choices: for each kind, in the app only or also in the daily e-mail digest',
        response: withErrors({ 200: NotificationPreferencesView }, 401),
      },
    },
    async (request) => readPreferences(request.em, request.principal.userId),
  );

  app.put(
    '/me/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Set my notification choices (all kinds at once); a digest needs my e-mail address',
        headers: IdempotencyHeaders,
        body: NotificationPreferencesBody,
        response: withErrors({ 200: NotificationPreferencesView }, 401, 422),
      },
    },
    async (request) => {
      const choice = request.body;
      if (digestKinds(choice.kinds).length > 0 && !choice.email) {
        throw new ApiError(422, 'a daily digest needs the e-mail address to send it to', 'body.email', 'EMAIL_REQUIRED');
      }
      const before = await readPreferences(request.em, request.principal.userId);
      const saved = await savePreferences(request.em, request.principal.userId, choice);
      // The address is personal data: the audit says that it changed, not what it is.
      await audit(request, 'notifications.update', 'user', request.principal.userId, { kinds: saved.kinds, emailChanged: before.email !== saved.email });
      return saved;
    },
  );
};
