import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppUser } from '../../db/entities';
import type { ErrorCode } from '../../domain/error-codes';
import { ROLES, type Role } from '../../workflows/roles';
import { hashPassword, passwordProblem } from '../auth/passwords';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  provinceCode?: string | null;
  districtCode?: string | null;
  subdistrictCode?: string | null;
  agencyCode?: string | null;
}

export class AccountError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly code: ErrorCode,
  ) {
    super(message);
  }
}

/** The scope each role needs: field teams work in a subdistrict, committees in their area. */
export function scopeProblem(u: Pick<NewUser, 'role' | 'provinceCode' | 'districtCode' | 'subdistrictCode' | 'agencyCode'>): AccountError | null {
  if (!ROLES.includes(u.role)) return new AccountError('role', `role must be one of ${ROLES.join(', ')}`, 'INVALID_VALUE');
  const need = (field: 'provinceCode' | 'districtCode' | 'subdistrictCode' | 'agencyCode') => (u[field] ? null : new AccountError(field, `a ${u.role} needs ${field}`, 'REQUIRED'));
  switch (u.role) {
    case 'mentor':
    case 'operationsTeam':
      return need('subdistrictCode') ?? need('districtCode') ?? need('provinceCode');
    case 'district':
      return need('districtCode') ?? need('provinceCode');
    case 'province':
      return need('provinceCode');
    case 'agency':
      return need('agencyCode') ?? need('provinceCode');
    default:
      return null;
  }
}

export async function createUser(em: EntityManager, input: NewUser): Promise<AppUser> {
  const weak = passwordProblem(input.password, input.username);
  if (weak) throw new AccountError('password', weak, 'WEAK_PASSWORD');
  const scope = scopeProblem(input);
  if (scope) throw scope;
  if (input.subdistrictCode && input.districtCode && !input.subdistrictCode.startsWith(input.districtCode)) throw new AccountError('subdistrictCode', 'subdistrict is not in the district', 'AREA_MISMATCH');
  if (input.districtCode && input.provinceCode && !input.districtCode.startsWith(input.provinceCode)) throw new AccountError('districtCode', 'district is not in the province', 'AREA_MISMATCH');
  const existing = await em.findOne(AppUser, { username: input.username });
  if (existing) throw new AccountError('username', 'this username is taken', 'USERNAME_TAKEN');
  const user = em.create(AppUser, {
    id: randomUUID(),
    username: input.username,
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    provinceCode: input.provinceCode ?? null,
    districtCode: input.districtCode ?? null,
    subdistrictCode: input.subdistrictCode ?? null,
    agencyCode: input.agencyCode ?? null,
    active: true,
    failedLogins: 0,
    lockedUntil: null,
  });
  await em.flush();
  return user;
}
