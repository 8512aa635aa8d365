import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

/**
 * A client for the API and activities. Its connection is lazy, so the API starts even while
 * Temporal is down; and it gives up after a few quick retries (about a second, not the SDK's
 * default of about 20 s), so a caller gets a prompt 503 with Retry-After instead of a hang.
 */
export function createTemporalClient(address: string, namespace: string): { client: Client; connection: Connection } {
  const connection = Connection.lazy({
    address,
    connectTimeout: '3 seconds',
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 4, initialIntervalMs: () => 100, maxIntervalMs: () => 500 }))],
  });
  return { client: new Client({ connection, namespace }), connection };
}
