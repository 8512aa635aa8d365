import { Client, Connection } from '@temporalio/client';

/** A client for the API and scripts. Its connection is lazy, so the API starts even while Temporal is down. */
export function createTemporalClient(address: string, namespace: string): { client: Client; connection: Connection } {
  const connection = Connection.lazy({ address });
  return { client: new Client({ connection, namespace }), connection };
}
