import type { AddressInfo } from 'node:net';
import { createUser } from '../../api/services/accounts';
import { houseCodeIn, useApi } from '../helpers/api-harness';
import { signedIn, TEST_PASSWORD } from '../helpers/auth';

/** The same app on a real socket: sign in with a password, keep the cookie, act, sign out. */
describe('the API over HTTP', () => {
  const api = useApi();
  let base: string;

  beforeAll(async () => {
    await api.app().listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(api.app().server.address() as AddressInfo).port}`;
  });

  it('signs in, uses the session cookie, and the session ends at sign-out', async () => {
    const username = `http-district-${Date.now()}`;
    await createUser(api.orm().em.fork(), { username, displayName: 'HTTP', password: TEST_PASSWORD, role: 'district', provinceCode: '64', districtCode: '6401' });
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: TEST_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);

    const me = await fetch(`${base}/auth/me`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({ username, role: 'district', districtCode: '6401' });
    const opened = await fetch(`${base}/cases`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ household: { houseCode: houseCodeIn('6401'), provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', source: 'tpmap', members: [{ name: 'สมศรี' }], failedIndicators: ['I3'] } }),
    });
    expect(opened.status).toBe(201);

    expect((await fetch(`${base}/auth/logout`, { method: 'POST', headers: { cookie } })).status).toBe(204);
    expect((await fetch(`${base}/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('reads an account afresh at its next request once an admin changes it, though sessions are remembered a few seconds', async () => {
    const admin = await signedIn(api.orm(), 'admin');
    const official = await signedIn(api.orm(), 'district', { provinceCode: '64', districtCode: '6401' });
    const me = () => fetch(`${base}/auth/me`, { headers: official.headers });
    const patch = (body: object) =>
      fetch(`${base}/users/${official.userId}`, { method: 'PATCH', headers: { ...admin.headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(await (await me()).json()).toMatchObject({ role: 'district' });
    expect((await patch({ role: 'province', districtCode: null })).status).toBe(200);
    expect(await (await me()).json()).toMatchObject({ role: 'province' });
    expect((await patch({ active: false })).status).toBe(200);
    expect((await me()).status).toBe(401);
  });

  it('refuses a wrong password with 401 and the same message as an unknown user', async () => {
    const wrong = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nobody-here', password: 'x' }) });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).message).toBe('Wrong username or password');
  });
});
