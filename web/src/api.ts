/**
 * The one way the UI talks to the server: same-origin fetch with the session cookie. Every
 * mutating call carries a fresh Idempotency-Key, so a double tap or a retried request on a bad
 * phone connection is applied once (the server turns the key into the workflow update ID).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Successful sign-ins in this page's life: a request remembers the count it was sent under. */
let signIns = 0;

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();
/** The session ended (expired, or signed out elsewhere): the app goes back to the login page. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function newIdempotencyKey(): string {
  // crypto.randomUUID needs a secure context; plain-HTTP intranet deployments still have getRandomValues.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function request<T>(method: string, path: string, body?: BodyInit | object, idempotencyKey?: string): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET') headers['idempotency-key'] = idempotencyKey ?? newIdempotencyKey();
  const sentInSession = signIns;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network');
  }
  if (path === '/auth/login' && response.ok) signIns++;
  const text = await response.text();
  const data = text ? (safeJson(text) as Record<string, unknown> | null) : null;
  if (!response.ok) {
    // A 401 to a request sent before the latest sign-in (the app's early /reference, on a fast
    // sign-in) speaks of no session at all, not of this one: it must not sign the user out again.
    if (response.status === 401 && path !== '/auth/login' && sentInSession === signIns) unauthorizedListeners.forEach((l) => l());
    throw new ApiError(response.status, String(data?.message ?? response.statusText), data?.field as string | undefined, data?.code as string | undefined);
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A query string from the set values only. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * GETs started (or answered) before the page that asks for them was mounted, by path, with when
 * they started and the sign-in they belong to: another user signing in never takes them.
 */
const prefetched = new Map<string, { answer: Promise<unknown>; at: number; signIns: number }>();
/** A prefetched answer older than this is not handed out: the page asks again. */
const PREFETCH_FRESH_MS = 30_000;
const fresh = (early: { at: number; signIns: number } | undefined) => !!early && early.signIns === signIns && Date.now() - early.at < PREFETCH_FRESH_MS;

/**
 * Starts a GET that a page is about to make (the landing page's data, while the page's code and
 * the reference data are still on their way); the page's own `api.get` of the same path takes
 * that answer once, or its error. A path already asked for is not asked again.
 */
export function prefetch(path: string): void {
  if (fresh(prefetched.get(path))) return;
  const answer = request<unknown>('GET', path);
  // Handed to the page later; until then its failure is nobody's unhandled rejection.
  answer.catch(() => undefined);
  prefetched.set(path, { answer, at: Date.now(), signIns });
}

function get<T>(path: string): Promise<T> {
  const early = prefetched.get(path);
  prefetched.delete(path);
  return early && fresh(early) ? (early.answer as Promise<T>) : request<T>('GET', path);
}

export const api = {
  get,
  post: <T>(path: string, body: object | FormData = {}, idempotencyKey?: string) => request<T>('POST', path, body, idempotencyKey),
  patch: <T>(path: string, body: object, idempotencyKey?: string) => request<T>('PATCH', path, body, idempotencyKey),
  put: <T>(path: string, body: object, idempotencyKey?: string) => request<T>('PUT', path, body, idempotencyKey),
};
