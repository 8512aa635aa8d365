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
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network');
  }
  const text = await response.text();
  const data = text ? (safeJson(text) as Record<string, unknown> | null) : null;
  if (!response.ok) {
    if (response.status === 401 && path !== '/auth/login') unauthorizedListeners.forEach((l) => l());
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

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: object | FormData = {}, idempotencyKey?: string) => request<T>('POST', path, body, idempotencyKey),
  patch: <T>(path: string, body: object, idempotencyKey?: string) => request<T>('PATCH', path, body, idempotencyKey),
  put: <T>(path: string, body: object, idempotencyKey?: string) => request<T>('PUT', path, body, idempotencyKey),
};
