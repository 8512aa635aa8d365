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
  const tokenHash = hashToken(token);
  recentSessions.delete(tokenHash);
  await em.nativeDelete(UserSession, { tokenHash });
}

/**
 * Sessions this replica checked in the last few seconds: a caseworker's every request read the
 * session and its user, a round trip of its own. Kept briefly and dropped on sign-out here and on
 * any change to an account (forgetSessions), so a sign-out or a disabled account holds at once on
 * this replica and within SESSION_CACHE_MS on the others.
 */
const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_MAX = 10_000;
const recentSessions = new Map<string, { principal: Principal; until: number }>();

/** Drops the remembered sessions of one account (its role, scope or activity changed), or of all. */
export function forgetSessions(userId?: string): void {
  if (!userId) return recentSessions.clear();
  for (const [hash, entry] of recentSessions) if (entry.principal.userId === userId) recentSessions.delete(hash);
}

/** The principal behind a token, or null when the token is unknown, expired or its user disabled. */
export async function principalForToken(em: EntityManager, token: string): Promise<Principal | null> {
  const tokenHash = hashToken(token);
  const now = Date.now();
  const recent = recentSessions.get(tokenHash);
  if (recent && recent.until > now) return recent.principal;
  const found = await loadPrincipal(em, tokenHash);
  recentSessions.delete(tokenHash);
  if (found) {
    if (recentSessions.size >= SESSION_CACHE_MAX) recentSessions.delete(recentSessions.keys().next().value!);
    recentSessions.set(tokenHash, { principal: found.principal, until: Math.min(now + SESSION_CACHE_MS, found.expiresAt) });
  }
  return found?.principal ?? null;
}

interface SessionRow {
  id: string;
  username: string;
  role: string;
  province_code: string | null;
  district_code: string | null;
  subdistrict_code: string | null;
  agency_code: string | null;
  expires_at: Date;
}

async function loadPrincipal(em: EntityManager, tokenHash: string): Promise<{ principal: Principal; expiresAt: number } | null> {
  const rows = await em.execute<SessionRow[]>(
    `select u.id, u.username, u.role, u.province_code, u.district_code, u.subdistrict_code, u.agency_code, s.expires_at
       from user_session s join app_user u on u.id = s.user_id
      where s.token_hash = ? and s.expires_at > now() and u.active`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return null;
  const principal: Principal = {
    userId: row.id,
    username: row.username,
    role: row.role as Role,
    provinceCode: row.province_code,
    districtCode: row.district_code,
    subdistrictCode: row.subdistrict_code,
    agencyCode: row.agency_code,
  };
  return { principal, expiresAt: new Date(row.expires_at).getTime() };
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
