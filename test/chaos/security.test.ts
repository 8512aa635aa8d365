import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildApp, type App } from '../../api/app';
import { createSession, SESSION_COOKIE } from '../../api/auth/sessions';
import { createUser } from '../../api/services/accounts';
import { loadConfig } from '../../common/config';
import type { Orm } from '../../db/orm';
import { TEST_PASSWORD } from '../helpers/auth';
import { openTestOrm, testClient, testConfig, testLogger } from '../helpers/servers';

/**
 * The defences around the records: security headers, CSRF for the cookie session, brute-force
 * sign-in, session expiry, and secrets only from the environment. (The role × scope matrix is
 * test/api/access-matrix.test.ts.)
 */
describe('security', () => {
  const config = testConfig();
  const temporal = testClient(config);
  let orm: Orm;
  let app: App;

  beforeAll(async () => {
    orm = await openTestOrm(config);
    app = await buildApp({ config, orm, temporal: temporal.client, logger: testLogger });
  });
  afterAll(async () => {
    await app.close();
    await temporal.connection.close();
    await orm.close();
  });

  const newUser = async (): Promise<{ id: string; username: string }> => {
    const username = `sec-${randomUUID().slice(0, 8)}`;
    const user = await createUser(orm.em.fork(), { username, displayName: username, password: TEST_PASSWORD, role: 'district', provinceCode: '64', districtCode: '6401' });
    return { id: user.id, username };
  };
  const login = (username: string, password: string, remoteAddress: string) =>
    app.inject({ method: 'POST', url: '/auth/login', payload: { username, password }, remoteAddress });
  const cookieSession = async (): Promise<string> => {
    const { id } = await newUser();
    const { token } = await createSession(orm.em.fork(), id, 3_600_000, '127.0.0.1');
    return `${SESSION_COOKIE}=${token}`;
  };

  describe('headers', () => {
    it('sets the security headers and a CSP the web UI can live with', async () => {
      const response = await app.inject({ method: 'GET', url: '/health' });
      const csp = response.headers['content-security-policy'] as string;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'referrer-policy': 'no-referrer' });
      expect(response.headers['strict-transport-security']).toBeDefined();
      expect(response.headers['x-powered-by']).toBeUndefined();
    });

    it('gives the Swagger UI at /docs its own allowances, and only there', async () => {
      const docs = await app.inject({ method: 'GET', url: '/docs' });
      const docsPolicy = docs.headers['content-security-policy'] as string;
      expect(docs.statusCode).toBe(200);
      expect(docsPolicy).toMatch(/style-src 'self' 'unsafe-inline'/);
      expect(docsPolicy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(docsPolicy).toContain("frame-ancestors 'none'");
      const api = await app.inject({ method: 'GET', url: '/health' });
      expect(api.headers['content-security-policy']).not.toContain('unsafe-inline');
    });
  });

  describe('CSRF on the cookie session', () => {
    const logout = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/auth/logout', headers: { host: 'kaejon.example', ...headers } });

    it('refuses an unsafe cookie request from another origin or site, naming the header', async () => {
      const cookie = await cookieSession();
      const hostiles: Array<Record<string, string>> = [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site', origin: 'https://sub.kaejon.example' }];
      for (const hostile of hostiles) {
        const response = await logout({ cookie, ...hostile });
        expect({ hostile, status: response.statusCode, body: response.json() }).toMatchObject({ status: 403, body: { code: 'CSRF', field: 'headers.origin' } });
      }
      // The refused requests changed nothing: the session still works.
      expect((await app.inject({ method: 'GET', url: '/auth/me', headers: { cookie } })).statusCode).toBe(200);
    });

    it('refuses a cross-site sign-in (login CSRF)', async () => {
      const { username } = await newUser();
      const response = await app.inject({ method: 'POST', url: '/auth/login', headers: { host: 'kaejon.example', origin: 'https://evil.example' }, payload: { username, password: TEST_PASSWORD }, remoteAddress: '10.9.0.1' });
      expect(response.statusCode).toBe(403);
    });

    it('lets the UI itself through (same origin), and Bearer calls whatever their origin', async () => {
      const cookie = await cookieSession();
      expect((await logout({ cookie, origin: 'http://kaejon.example', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(204);
      const { id } = await newUser();
      const { token } = await createSession(orm.em.fork(), id, 3_600_000, '127.0.0.1');
      expect((await logout({ authorization: `Bearer ${token}`, origin: 'https://tool.example', 'sec-fetch-site': 'cross-site' })).statusCode).toBe(204);
    });
  });

  describe('sign-in', () => {
    it('locks an account after five wrong passwords: even the right one then answers 423', async () => {
      const { username } = await newUser();
      for (let i = 0; i < 5; i++) expect((await login(username, `wrong-${i}-password`, '10.1.0.1')).statusCode).toBe(401);
      const locked = await login(username, TEST_PASSWORD, '10.1.0.2');
      expect(locked.statusCode).toBe(423);
      expect(locked.json().message).not.toContain(username);
    });

    it('rate-limits sign-in per address and username: the 11th attempt at one account in a minute answers 429', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await login('nobody-at-all', `x-${i}`, '10.2.0.1')).statusCode);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses[10]).toBe(429);
      // Another address, or another account from the same address, is not held back.
      expect((await login('nobody-at-all', 'x', '10.2.0.2')).statusCode).toBe(401);
      expect((await login('somebody-else', 'x', '10.2.0.1')).statusCode).toBe(401);
    });

    it('lets 30 officials behind one office address each sign in within a minute, while wrong passwords still lock the one account', async () => {
      const office = '10.4.0.1';
      const users = await Promise.all(Array.from({ length: 30 }, () => newUser()));
      const signIns = [];
      for (const { username } of users) signIns.push((await login(username, TEST_PASSWORD, office)).statusCode);
      expect(signIns).toEqual(Array(30).fill(200));
      const target = await newUser();
      const guesses: number[] = [];
      for (let i = 0; i < 30; i++) guesses.push((await login(target.username, `guess-${i}-password`, office)).statusCode);
      expect(guesses.slice(0, 5)).toEqual(Array(5).fill(401));
      expect(guesses.slice(5).every((status) => status === 423 || status === 429)).toBe(true);
      expect((await login(target.username, TEST_PASSWORD, '10.4.0.2')).statusCode).toBe(423);
    });
  });

  describe('sessions', () => {
    it('an expired session is refused with 401', async () => {
      const { id } = await newUser();
      const { token } = await createSession(orm.em.fork(), id, -1000, '127.0.0.1');
      expect((await app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    });

    it('a sign-in lasts KAEJON_SESSION_TTL_HOURS', async () => {
      const { username } = await newUser();
      const started = Date.now();
      const response = await login(username, TEST_PASSWORD, '10.3.0.1');
      const expiresAt = Date.parse(response.json().expiresAt);
      expect(expiresAt - started).toBeGreaterThanOrEqual(config.sessionTtlHours * 3_600_000 - 5_000);
      expect(expiresAt - started).toBeLessThanOrEqual(config.sessionTtlHours * 3_600_000 + 5_000);
      expect(loadConfig({ KAEJON_SESSION_TTL_HOURS: '2' }).sessionTtlHours).toBe(2);
    });
  });

  describe('secrets', () => {
    /** Production code: what the API and worker images run (the embedded servers are development only). */
    const PRODUCTION_DIRS = ['api', 'activities', 'common', 'db', 'worker', 'workflows'];
    const ROOT = path.resolve(__dirname, '..', '..');
    const files = PRODUCTION_DIRS.flatMap((dir) => (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f)));

    it('no secret is written into the code: passwords, keys and connection URLs come from the environment', () => {
      const literalSecret = /(password|passwd|secret|api[_-]?key|private[_-]?key)\w*['"]?\s*[:=]\s*['"`][^'"`\s]{4,}['"`]/i;
      const urlWithPassword = /[a-z]+:\/\/[^/\s:'"`]+:[^@\s'"`$]+@/i;
      const found = files.flatMap((file) =>
        fs
          .readFileSync(path.join(ROOT, file), 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${file}:${i + 1}`, line: line.trim() }))
          .filter(({ line }) => !line.startsWith('*') && !line.startsWith('//') && (literalSecret.test(line) || urlWithPassword.test(line))),
      );
      expect(files.length).toBeGreaterThan(50);
      expect(found).toEqual([]);
    });
  });
});
