import { useEffect, useState } from 'preact/hooks';
import { api, qs } from '../api';
import { nameIn } from '../components/names';
import { ActionForm, Field, inputValue, Loaded, Select } from '../components/ui';
import { useResource, useTitle } from '../hooks';
import { label, useI18n } from '../i18n';
import { nameOf, useSession } from '../session';
import type { Named, Role, UserListItem, UserListPage } from '../types';

const ROLES: Role[] = ['mentor', 'operationsTeam', 'district', 'province', 'agency', 'supervisor', 'admin'];
const PAGE = 50;

/** Which levels of area each role's account is scoped to (api/services/accounts.ts, scopeProblem). */
const SCOPE_LEVELS: Record<Role, { levels: Array<'province' | 'district' | 'subdistrict'>; agency?: true; optional?: true }> = {
  mentor: { levels: ['province', 'district', 'subdistrict'] },
  operationsTeam: { levels: ['province', 'district', 'subdistrict'] },
  district: { levels: ['province', 'district'] },
  province: { levels: ['province'] },
  agency: { levels: ['province'], agency: true },
  supervisor: { levels: ['province', 'district', 'subdistrict'], optional: true },
  admin: { levels: [] },
};

interface Scope {
  provinceCode: string;
  districtCode: string;
  subdistrictCode: string;
  agencyCode: string;
}
const NO_SCOPE: Scope = { provinceCode: '', districtCode: '', subdistrictCode: '', agencyCode: '' };

/** Accounts, for admins: find, create, deactivate, reset a password; areas and agencies by name. */
export function UsersPage() {
  const { t } = useI18n();
  const { user } = useSession();
  useTitle(t.users.title);
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [role, setRole] = useState('');
  const [offset, setOffset] = useState(0);
  const users = useResource(() => api.get<UserListPage>(`/users${qs({ q: search || undefined, role: role || undefined, limit: PAGE, offset })}`), [search, role, offset]);
  const [created, setCreated] = useState<string | null>(null);
  const admin = user.role === 'admin';
  return (
    <>
      <h1>{t.users.title}</h1>
      {admin && (
        <details class="actions">
          <summary role="button">{t.users.create}</summary>
          <CreateUser onCreated={(name) => (setCreated(name), users.reload())} />
        </details>
      )}
      {created && (
        <p role="status" class="notice">
          {t.users.created(created)}
        </p>
      )}
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setSearch(q.trim());
        }}
      >
        <div class="grid">
          <Field name={t.users.search}>{(id) => <input id={id} type="search" value={q} onInput={(e) => setQ(inputValue(e))} />}</Field>
          <Field name={t.users.role}>{(id) => <Select id={id} value={role} onChange={(r) => (setRole(r), setOffset(0))} options={[['', t.all], ...ROLES.map((r): [string, string] => [r, label(t.roles, r)])]} />}</Field>
        </div>
        <button type="submit" class="secondary">
          {t.search}
        </button>
      </form>
      <Loaded resource={users}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t.users.empty}</p>
          ) : (
            <>
              <ul class="cards users">
                {data.items.map((u) => (
                  <UserCard key={u.id} user={u} admin={admin} onChanged={users.reload} />
                ))}
              </ul>
              <nav class="pager" aria-label={t.users.title}>
                <button type="button" class="secondary outline" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                  {t.paging.previous}
                </button>
                <span>{t.paging.rows(offset + 1, offset + data.items.length, data.total)}</span>
                <button type="button" class="secondary outline" disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>
                  {t.paging.next}
                </button>
              </nav>
            </>
          )
        }
      </Loaded>
    </>
  );
}

/** "ต.ธานี อ.เมืองสุโขทัย จ.สุโขทัย", or the agency and its province, or the whole country. */
function scopeText(u: UserListItem, lang: 'th' | 'en', country: string): string {
  const parts: string[] = [];
  if (u.agencyName) parts.push(nameIn(u.agencyName, lang));
  const prefix = (th: string) => (lang === 'th' ? th : '');
  if (u.areaNames.subdistrict) parts.push(`${prefix('ต.')}${nameIn(u.areaNames.subdistrict, lang)}`);
  if (u.areaNames.district) parts.push(`${prefix('อ.')}${nameIn(u.areaNames.district, lang)}`);
  if (u.areaNames.province) parts.push(`${prefix('จ.')}${nameIn(u.areaNames.province, lang)}`);
  return parts.length ? parts.join(' ') : country;
}

function UserCard({ user: u, admin, onChanged }: { user: UserListItem; admin: boolean; onChanged(): void }) {
  const { t, lang } = useI18n();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  return (
    <li class="card">
      <strong>{u.displayName}</strong> <small>({u.username})</small>
      <div class="meta">
        {label(t.roles, u.role)} · {scopeText(u, lang, t.users.country)}
      </div>
      <div>
        <span class={u.active ? 'badge ok' : 'badge'}>{u.active ? t.users.active : t.users.inactive}</span> {u.lockedUntil && <span class="badge warn">{t.users.locked}</span>}{' '}
        {done && <small role="status">{done}</small>}
      </div>
      {admin && (
        <div class="user-actions">
          <details>
            <summary>{t.users.resetPassword}</summary>
            <ActionForm label={t.users.resetPassword} submit={() => patchUser(u.id, { password })} onDone={() => (setPassword(''), setDone(t.users.passwordChanged), onChanged())}>
              <Field name={t.users.newPassword}>{(id) => <input id={id} type="password" autocomplete="new-password" required minLength={10} value={password} onInput={(e) => setPassword(inputValue(e))} />}</Field>
            </ActionForm>
          </details>
          {u.active ? (
            <ActionForm
              label={t.users.deactivate}
              tone="secondary"
              confirm={t.users.confirmDeactivate(u.displayName)}
              submit={() => patchUser(u.id, { active: false })}
              onDone={() => (setDone(t.users.deactivated), onChanged())}
            />
          ) : (
            <ActionForm label={t.users.activate} tone="secondary" submit={() => patchUser(u.id, { active: true })} onDone={() => (setDone(t.users.activated), onChanged())} />
          )}
        </div>
      )}
    </li>
  );
}

/** PATCH through the same idempotent request path as every other change. */
function patchUser(id: string, body: object): Promise<unknown> {
  return api.patch(`/users/${encodeURIComponent(id)}`, body);
}

function CreateUser({ onCreated }: { onCreated(displayName: string): void }) {
  const { t, lang } = useI18n();
  const { reference } = useSession();
  const [form, setForm] = useState({ username: '', displayName: '', password: '', role: 'mentor' as Role });
  const [scope, setScope] = useState<Scope>(NO_SCOPE);
  const [subdistricts, setSubdistricts] = useState<Named[]>([]);
  const need = SCOPE_LEVELS[form.role];
  useEffect(() => {
    setSubdistricts([]);
    if (scope.districtCode) void api.get<Named[]>(`/reference/subdistricts${qs({ districtCode: scope.districtCode })}`).then(setSubdistricts, () => setSubdistricts([]));
  }, [scope.districtCode]);
  const body = () => ({
    ...form,
    username: form.username.trim().toLowerCase(),
    displayName: form.displayName.trim(),
    ...(need.levels.includes('province') && scope.provinceCode ? { provinceCode: scope.provinceCode } : {}),
    ...(need.levels.includes('district') && scope.districtCode ? { districtCode: scope.districtCode } : {}),
    ...(need.levels.includes('subdistrict') && scope.subdistrictCode ? { subdistrictCode: scope.subdistrictCode } : {}),
    ...(need.agency && scope.agencyCode ? { agencyCode: scope.agencyCode } : {}),
  });
  const required = !need.optional;
  const provinces = [...reference.provinces].sort((a, b) => a.nameTh.localeCompare(b.nameTh, 'th'));
  const districts = reference.districts.filter((d) => d.provinceCode === scope.provinceCode);
  return (
    <ActionForm
      label={t.users.create}
      submit={() => api.post<{ displayName: string }>('/users', body())}
      onDone={(u) => {
        setForm({ username: '', displayName: '', password: '', role: form.role });
        onCreated(u.displayName);
      }}
    >
      <div class="grid">
        <Field name={t.users.displayName}>{(id) => <input id={id} required value={form.displayName} onInput={(e) => setForm({ ...form, displayName: inputValue(e) })} />}</Field>
        <Field name={t.username} hint={t.users.usernameHint}>
          {(id) => <input id={id} required pattern="[a-z0-9._\-]{3,50}" autocomplete="off" value={form.username} onInput={(e) => setForm({ ...form, username: inputValue(e) })} />}
        </Field>
      </div>
      <div class="grid">
        <Field name={t.password} hint={t.users.passwordHint}>
          {(id) => <input id={id} type="password" autocomplete="new-password" required minLength={10} value={form.password} onInput={(e) => setForm({ ...form, password: inputValue(e) })} />}
        </Field>
        <Field name={t.users.role}>{(id) => <Select id={id} value={form.role} onChange={(r) => setForm({ ...form, role: r as Role })} options={ROLES.map((r): [string, string] => [r, label(t.roles, r)])} />}</Field>
      </div>
      {need.levels.length > 0 && (
        <fieldset>
          <legend>{need.optional ? t.users.scopeOptional : t.users.scope}</legend>
          <div class="grid">
            <Field name={t.area.province}>
              {(id) => (
                <Select
                  id={id}
                  required={required}
                  value={scope.provinceCode}
                  onChange={(p) => setScope({ ...NO_SCOPE, agencyCode: scope.agencyCode, provinceCode: p })}
                  options={[['', need.optional ? t.users.country : t.users.choose], ...provinces.map((p): [string, string] => [p.code, nameOf(reference.provinces, p.code, lang)])]}
                />
              )}
            </Field>
            {need.levels.includes('district') && scope.provinceCode && (
              <Field name={t.area.district}>
                {(id) => (
                  <Select
                    id={id}
                    required={required}
                    value={scope.districtCode}
                    onChange={(d) => setScope({ ...scope, districtCode: d, subdistrictCode: '' })}
                    options={[['', need.optional ? t.all : t.users.choose], ...districts.map((d): [string, string] => [d.code, nameOf(reference.districts, d.code, lang)])]}
                  />
                )}
              </Field>
            )}
            {need.levels.includes('subdistrict') && scope.districtCode && (
              <Field name={t.area.subdistrict}>
                {(id) => (
                  <Select
                    id={id}
                    required={required}
                    value={scope.subdistrictCode}
                    onChange={(s) => setScope({ ...scope, subdistrictCode: s })}
                    options={[['', need.optional ? t.all : t.users.choose], ...subdistricts.map((s): [string, string] => [s.code, lang === 'en' && s.nameEn ? s.nameEn : s.nameTh])]}
                  />
                )}
              </Field>
            )}
          </div>
          {need.agency && (
            <Field name={t.household.agency}>
              {(id) => (
                <Select
                  id={id}
                  required
                  value={scope.agencyCode}
                  onChange={(a) => setScope({ ...scope, agencyCode: a })}
                  options={[['', t.users.choose], ...reference.agencies.map((a): [string, string] => [a.code, nameOf(reference.agencies, a.code, lang)])]}
                />
              )}
            </Field>
          )}
        </fieldset>
      )}
    </ActionForm>
  );
}
