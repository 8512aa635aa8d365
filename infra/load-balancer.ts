import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoadBalancer {
  url: string;
  /** Requests each backend answered, by its base URL. */
  served: Record<string, number>;
  close(): Promise<void>;
}

// A backend that refused a connection is skipped this long before it is tried again.
const DOWN_FOR_MS = 2_000;

/**
 * A small round-robin HTTP load balancer for `npm run cluster`, standing in for the reverse proxy
 * of a deployment (deploy/caddy/Caddyfile): each request goes to the next API replica; one that
 * refuses the connection (stopped, restarting) is skipped and the request goes to another, so a
 * replica that is down costs no request. The body is read first for that retry; Kaejon's largest
 * bodies are survey imports, a few megabytes.
 */
export async function startLoadBalancer(backends: string[], port: number, host = '127.0.0.1'): Promise<LoadBalancer> {
  const downUntil = new Map<string, number>();
  const served: Record<string, number> = Object.fromEntries(backends.map((b) => [b, 0]));
  let next = 0;

  const pick = (tried: Set<string>): string | undefined => {
    const now = Date.now();
    for (let i = 0; i < backends.length; i++) {
      const candidate = backends[(next + i) % backends.length];
      if (!tried.has(candidate) && (downUntil.get(candidate) ?? 0) <= now) {
        next = (next + i + 1) % backends.length;
        return candidate;
      }
    }
    return backends.find((b) => !tried.has(b));
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const tried = new Set<string>();
      const attempt = (): void => {
        const backend = pick(tried);
        if (!backend) {
          response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '2' });
          response.end(JSON.stringify({ code: 'NO_API_REPLICA', message: 'no API replica is answering' }));
          return;
        }
        tried.add(backend);
        const target = new URL(request.url ?? '/', backend);
        const headers = { ...request.headers, 'x-forwarded-for': request.socket.remoteAddress ?? '', 'x-forwarded-proto': 'http', 'x-forwarded-host': request.headers.host ?? '' };
        const upstream = http.request(target, { method: request.method, headers }, (answer) => {
          served[backend]++;
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        });
        upstream.on('error', (error: NodeJS.ErrnoException) => {
          // Only a refused connection is safe to send elsewhere: the replica never saw the request.
          // After a reset it may have acted on it; the client retries with its Idempotency-Key.
          if (!response.headersSent && error.code === 'ECONNREFUSED') {
            downUntil.set(backend, Date.now() + DOWN_FOR_MS);
            attempt();
            return;
          }
          if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
          response.end();
        });
        upstream.end(body);
      };
      attempt();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    served,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
