import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A personal account (docs/PROGRAM.md, "Lessons and how Kaejon answers them": shared accounts and birthday passwords). The
 * area scope narrows from the whole country (all null) to a province, district or subdistrict;
 * agency officers also carry their agency.
 */
export const AppUser = defineEntity({
  name: 'AppUser',
  tableName: 'app_user',
  properties: {
    id: p.uuid().primary(),
    username: p.string().unique(),
    displayName: p.string(),
    passwordHash: p.string(),
    role: p.string(),
    provinceCode: p.string().length(2).nullable(),
    districtCode: p.string().length(4).nullable(),
    subdistrictCode: p.string().length(6).nullable(),
    agencyCode: p.string().nullable(),
    active: p.boolean().default(true),
    failedLogins: p.integer().default(0),
    lockedUntil: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type AppUser = InferEntity<typeof AppUser>;

/** A login session. Only the token's SHA-256 is stored: a database leak yields no usable token. */
export const UserSession = defineEntity({
  name: 'UserSession',
  tableName: 'user_session',
  properties: {
    tokenHash: p.string().primary(),
    userId: p.uuid().index(),
    createdAt: p.datetime(),
    expiresAt: p.datetime().index(),
    ip: p.string().nullable(),
  },
});
export type UserSession = InferEntity<typeof UserSession>;
