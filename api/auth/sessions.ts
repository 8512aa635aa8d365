import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyRequest } from 'fastify';
import { AppUser, UserSession } from '../../db/entities';
import type { Principal } from '../../domain/scope';
import type { Role } from '../../workflows/roles';

/** Opaque random tokens; the database keeps only their hash, with a hard expiry. */
export const SESSION_COOKIE = 'kaejon_session';

/** A Bearer token (other systems) or the session cookie (the web UI). */
export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return request.cookies?.[SESSION_COOKIE];
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function createSession(em: EntityManager, userId: string, ttlMs: number, ip: string | null): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlMs);
  await em.insert(UserSession, { tokenHash: hashToken(token), userId, createdAt: now, expiresAt, ip });
  return { token, expiresAt };
}

export async function revokeSession(em: EntityManager, token: string): Promise<void> {
  await em.nativeDelete(UserSession, { tokenHash: hashToken(token) });
}

/** The principal behind a token, or null when the token is unknown, expired or its user disabled. */
export async function principalForToken(em: EntityManager, token: string): Promise<Principal | null> {
  const rows = await em.execute<Array<Record<string, string | null>>>(
    `select u.id, u.username, u.role, u.province_code, u.district_code, u.subdistrict_code, u.agency_code
       from user_session s join app_user u on u.id = s.user_id
      where s.token_hash = ? and s.expires_at > now() and u.active`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    userId: row.id!,
    username: row.username!,
    role: row.role as Role,
    provinceCode: row.province_code,
    districtCode: row.district_code,
    subdistrictCode: row.subdistrict_code,
    agencyCode: row.agency_code,
  };
}

export function principalOf(user: AppUser): Principal {
  return {
    userId: user.id,
    username: user.username,
    role: user.role as Role,
    provinceCode: user.provinceCode ?? null,
    districtCode: user.districtCode ?? null,
    subdistrictCode: user.subdistrictCode ?? null,
    agencyCode: user.agencyCode ?? null,
  };
}
