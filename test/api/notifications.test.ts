import type { NotificationPreferencesView } from '../../domain/contract/notifications';
import { useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';

/** GET/PUT /me/notifications: each person's own choices, validated field by field. */
describe('/me/notifications: my notification choices', () => {
  const api = useApi({ worker: false });
  const everything = { reminder: 'dailyDigest', overdue: 'dailyDigest', escalated: 'dailyDigest', taskAssigned: 'dailyDigest' } as const;
  const put = async (headers: Record<string, string>, payload: unknown) => api.app().inject({ method: 'PUT', url: '/me/notifications', headers, payload: payload as object });
  const get = async (headers: { authorization: string }) => api.app().inject({ method: 'GET', url: '/me/notifications', headers });

  it('starts with every kind in the app only, and no address', async () => {
    const { headers } = await signedIn(api.orm(), 'mentor');
    const response = await get(headers);
    expect(response.statusCode).toBe(200);
    expect(response.json<NotificationPreferencesView>()).toEqual({ email: null, kinds: { reminder: 'inApp', overdue: 'inApp', escalated: 'inApp', taskAssigned: 'inApp' }, updatedAt: null });
  });

  it('saves the whole choice and reads it back; a repeat changes nothing', async () => {
    const { headers } = await signedIn(api.orm(), 'district');
    const choice = { email: 'somchai.d@example.go.th', kinds: { ...everything, reminder: 'inApp' } };
    const first = await put(headers, choice);
    expect(first.statusCode).toBe(200);
    expect(first.json<NotificationPreferencesView>()).toMatchObject(choice);
    expect((await put({ ...headers, 'idempotency-key': 'notify-repeat-1' }, choice)).statusCode).toBe(200);
    expect(await get(headers).then((r) => r.json<NotificationPreferencesView>())).toMatchObject(choice);
  });

  it("is only ever one's own: another user's choice is untouched and unseen", async () => {
    const alice = await signedIn(api.orm(), 'mentor');
    const bob = await signedIn(api.orm(), 'mentor');
    await put(alice.headers, { email: 'alice@example.go.th', kinds: everything });
    expect((await get(bob.headers)).json<NotificationPreferencesView>().email).toBeNull();
    // No route takes a user ID: someone else's preferences cannot be addressed.
    expect((await api.app().inject({ method: 'PUT', url: `/users/${alice.userId}/notifications`, headers: bob.headers, payload: { email: 'x@example.go.th', kinds: everything } })).statusCode).toBe(404);
    expect((await get(alice.headers)).json<NotificationPreferencesView>().email).toBe('alice@example.go.th');
  });

  it.each([
    ['a digest without an address', { email: null, kinds: everything }, 422, 'EMAIL_REQUIRED', 'body.email'],
    ['an address that is not one', { email: 'not an address', kinds: everything }, 400, 'VALIDATION', 'body.email'],
    ['an address with a header smuggled in', { email: 'a@example.go.th\r\nBcc: b@example.com', kinds: everything }, 400, 'VALIDATION', 'body.email'],
    ['an unknown delivery', { email: 'a@example.go.th', kinds: { ...everything, overdue: 'sms' } }, 400, 'VALIDATION', 'body.kinds.overdue'],
    ['a kind left out', { email: 'a@example.go.th', kinds: { reminder: 'inApp', overdue: 'inApp', escalated: 'inApp' } }, 400, 'VALIDATION', 'body.kinds.taskAssigned'],
    ['an unknown kind', { email: 'a@example.go.th', kinds: { ...everything, weekly: 'inApp' } }, 400, 'VALIDATION', 'body.kinds.weekly'],
  ])('refuses %s, naming the field, and saves nothing', async (_name, payload, status, code, field) => {
    const { headers } = await signedIn(api.orm(), 'operationsTeam');
    const response = await put(headers, payload);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ code, field });
    expect((await get(headers)).json<NotificationPreferencesView>().updatedAt).toBeNull();
  });

  it('needs a session', async () => {
    const response = await api.app().inject({ method: 'GET', url: '/me/notifications' });
    expect(response.statusCode).toBe(401);
  });

  it('is in the OpenAPI document', async () => {
    const spec = (await api.app().inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    expect(Object.keys(spec.paths['/me/notifications'] ?? {}).sort()).toEqual(['get', 'put']);
  });
});
