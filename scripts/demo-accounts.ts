import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../common/logger';
import { AppUser } from '../db/entities';
import type { Orm } from '../db/orm';
import { createUser, type NewUser } from '../api/services/accounts';

/**
 * One personal demo account per role in Sukhothai, for a local first run only (npm start, not the
 * production entry points). The password is random per installation, printed once and kept in
 * .data/demo-accounts.txt: there is no default password to leak.
 */
const ACCOUNTS: Array<Omit<NewUser, 'password'>> = [
  { username: 'admin', displayName: 'ผู้ดูแลระบบ', role: 'admin' },
  { username: 'supervisor', displayName: 'ผู้กำกับติดตาม', role: 'supervisor' },
  { username: 'province64', displayName: 'ศจพ.จ.สุโขทัย', role: 'province', provinceCode: '64' },
  { username: 'district6401', displayName: 'ศจพ.อ.เมืองสุโขทัย', role: 'district', provinceCode: '64', districtCode: '6401' },
  { username: 'team640101', displayName: 'ทีมปฏิบัติการตำบลธานี', role: 'operationsTeam', provinceCode: '64', districtCode: '6401', subdistrictCode: '640101' },
  { username: 'mentor640101', displayName: 'ทีมพี่เลี้ยงตำบลธานี', role: 'mentor', provinceCode: '64', districtCode: '6401', subdistrictCode: '640101' },
  { username: 'cdd64', displayName: 'สำนักงานพัฒนาชุมชนจังหวัดสุโขทัย', role: 'agency', provinceCode: '64', agencyCode: 'CDD' },
  { username: 'lao64', displayName: 'องค์กรปกครองส่วนท้องถิ่น สุโขทัย', role: 'agency', provinceCode: '64', agencyCode: 'LAO' },
];

export async function seedDemoAccounts(orm: Orm, dataDir: string, logger: Logger): Promise<string | null> {
  const em = orm.em.fork();
  if (await em.count(AppUser, {})) return null;
  const password = `kj-${randomBytes(9).toString('base64url')}`;
  for (const account of ACCOUNTS) await createUser(em.fork(), { ...account, password });
  const file = path.join(dataDir, 'demo-accounts.txt');
  fs.writeFileSync(file, `${ACCOUNTS.map((a) => `${a.username.padEnd(14)} ${a.role}`).join('\n')}\npassword for every demo account: ${password}\n`, { mode: 0o600 });
  logger.info({ accounts: ACCOUNTS.length }, 'first run: demo accounts created');
  return file;
}
