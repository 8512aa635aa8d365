import type { AppConfig } from '../../common/config';
import type { Logger } from '../../common/logger';
import { AppUser } from '../../db/entities';
import type { Orm } from '../../db/orm';
import { createUser } from './accounts';

/**
 * The first admin comes from the environment (KAEJON_ADMIN_USERNAME / KAEJON_ADMIN_PASSWORD) or
 * from `npm run user:create`; nothing ships with a default password.
 */
export async function ensureFirstAdmin(orm: Orm, config: AppConfig, logger: Logger): Promise<void> {
  if (!config.firstAdmin) return;
  const em = orm.em.fork();
  if (await em.count(AppUser, { username: config.firstAdmin.username })) return;
  await createUser(em, { username: config.firstAdmin.username, displayName: 'Administrator', password: config.firstAdmin.password, role: 'admin' }).catch((error: Error & { field?: string }) => {
    // Two replicas starting together both try; the loser finds the name taken, which is fine.
    if (error.field === 'username') return;
    throw error;
  });
  logger.info({ username: config.firstAdmin.username }, 'first admin account created');
}
