import { randomUUID } from 'node:crypto';
import { createSession } from '../../api/auth/sessions';
import { createUser, type NewUser } from '../../api/services/accounts';
import type { Orm } from '../../db/orm';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

export type Scope = Partial<Pick<NewUser, 'provinceCode' | 'districtCode' | 'subdistrictCode' | 'agencyCode'>>;

/** Sukhothai scopes for each role, in district 6401 / subdistrict 640101. */
export const SCOPES: Record<NewUser['role'], Scope> = {
  mentor: { provinceCode: '64', districtCode: '6401', subdistrictCode: '640101' },
  operationsTeam: { provinceCode: '64', districtCode: '6401', subdistrictCode: '640101' },
  district: { provinceCode: '64', districtCode: '6401' },
  province: { provinceCode: '64' },
  agency: { provinceCode: '64', agencyCode: 'CDD' },
  supervisor: {},
  admin: {},
};

/**
 * A fresh account and a session for it, made directly (not through /auth/login, whose per-IP
 * rate limit the suite would otherwise hit). Returns the headers to send.
 */
export async function signedIn(orm: Orm, role: NewUser['role'], scope: Scope = SCOPES[role], ttlMs = 3_600_000): Promise<{ headers: { authorization: string }; userId: string; username: string }> {
  const username = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}`;
  const user = await createUser(orm.em.fork(), { username, displayName: username, password: TEST_PASSWORD, role, ...scope });
  const { token } = await createSession(orm.em.fork(), user.id, ttlMs, '127.0.0.1');
  return { headers: { authorization: `Bearer ${token}` }, userId: user.id, username };
}
