/**
 * Creates an account from the command line (the first admin, or any other):
 *   KAEJON_NEW_PASSWORD=... npm run user:create -- <username> <role> [provinceCode] [districtCode] [subdistrictCode] [agencyCode]
 * The password comes from the environment so it never lands in shell history.
 */
import { loadConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { openOrm } from '../db/orm';
import { createUser } from '../api/services/accounts';
import type { Role } from '../workflows/roles';

async function main(): Promise<void> {
  const [username, role, provinceCode, districtCode, subdistrictCode, agencyCode] = process.argv.slice(2);
  const password = process.env.KAEJON_NEW_PASSWORD;
  if (!username || !role || !password) throw new Error('usage: KAEJON_NEW_PASSWORD=... npm run user:create -- <username> <role> [province] [district] [subdistrict] [agency]');
  const config = loadConfig();
  if (!config.database.url) throw new Error('set DATABASE_URL (with npm start running locally: postgres://kaejon:kaejon-local@127.0.0.1:54329/kaejon)');
  const orm = await openOrm(config.database.url, createLogger('warn'));
  try {
    const user = await createUser(orm.em.fork(), { username, displayName: username, password, role: role as Role, provinceCode, districtCode, subdistrictCode, agencyCode });
    console.log(`created ${user.username} (${user.role})`);
  } finally {
    await orm.close();
  }
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});
