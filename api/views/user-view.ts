import { Type, type Static } from '@sinclair/typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppUser } from '../../db/entities';
import { AreaNames, name, NullableName } from './names';

const NullableStr = Type.Union([Type.String(), Type.Null()]);

/** An account as the API answers it: never its password hash or failed-login count. */
export const UserView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  provinceCode: NullableStr,
  districtCode: NullableStr,
  subdistrictCode: NullableStr,
  agencyCode: NullableStr,
  active: Type.Boolean(),
  lockedUntil: NullableStr,
});
export type UserView = Static<typeof UserView>;

/** In the account list, the scope by name too: an admin picks and reads areas and agencies by name. */
export const UserListItem = Type.Composite([UserView, Type.Object({ areaNames: AreaNames, agencyName: NullableName })]);
export type UserListItem = Static<typeof UserListItem>;
export const UserListPage = Type.Object({ total: Type.Integer(), items: Type.Array(UserListItem) });
export type UserListPage = Static<typeof UserListPage>;

export const userView = (u: AppUser): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  provinceCode: u.provinceCode ?? null,
  districtCode: u.districtCode ?? null,
  subdistrictCode: u.subdistrictCode ?? null,
  agencyCode: u.agencyCode ?? null,
  active: u.active,
  lockedUntil: u.lockedUntil ? u.lockedUntil.toISOString() : null,
});

type NameRow = { code: string; name_th: string; name_en: string | null };

/** The page's accounts with the names of their areas and agencies, in one query per table. */
export async function userListItems(em: EntityManager, users: AppUser[]): Promise<UserListItem[]> {
  const codes = (pick: (u: AppUser) => string | null | undefined) => JSON.stringify([...new Set(users.map(pick).filter(Boolean))]);
  const names = (table: string, list: string) => em.execute<NameRow[]>(`select code, name_th, name_en from ${table} where code in (select jsonb_array_elements_text(?::jsonb))`, [list]);
  const [provinces, districts, subdistricts, agencies] = await Promise.all([
    names('province', codes((u) => u.provinceCode)),
    names('district', codes((u) => u.districtCode)),
    names('subdistrict', codes((u) => u.subdistrictCode)),
    names('agency', codes((u) => u.agencyCode)),
  ]);
  const lookup = (rows: NameRow[]) => {
    const byCode = new Map(rows.map((r) => [r.code, name(r.name_th, r.name_en)]));
    return (code: string | null | undefined) => (code ? (byCode.get(code) ?? null) : null);
  };
  const [province, district, subdistrict, agency] = [lookup(provinces), lookup(districts), lookup(subdistricts), lookup(agencies)];
  return users.map((u) => ({
    ...userView(u),
    areaNames: { province: province(u.provinceCode), district: district(u.districtCode), subdistrict: subdistrict(u.subdistrictCode) },
    agencyName: agency(u.agencyCode),
  }));
}
