import type { AddressInfo } from 'node:net';
import { buildApp, type App } from '../../api/app';
import type { AppConfig } from '../../common/config';
import type { Orm } from '../../db/orm';
import { openTestOrm, startTestWorker, testClient, testConfig, testLogger } from './servers';
import { nationalId } from '../fixtures/import-csv';

/**
 * The app as production builds it, on the shared real servers, with a real worker polling the
 * config's own task queue (none with `worker: false`, for a file whose requests never wait for a
 * workflow). One per test file: `const api = useApi();` then `api.app()`.
 */
export function useApi({ worker: withWorker = true }: { worker?: boolean } = {}): { app: () => App; orm: () => Orm; config: AppConfig; temporal: ReturnType<typeof testClient> } {
  const config = testConfig();
  const temporal = testClient(config);
  let orm: Orm | undefined;
  let app: App | undefined;
  let worker: { stop(): Promise<void> } | undefined;
  beforeAll(async () => {
    orm = await openTestOrm(config);
    if (withWorker) worker = await startTestWorker(config, orm);
    app = await buildApp({ config, orm, temporal: temporal.client, logger: testLogger });
  });
  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    await temporal.connection.close();
    await orm?.close();
  });
  return { app: () => app!, orm: () => orm!, config, temporal };
}

let houseSeq = 0;
/** An 11-digit house code in `districtCode`, unique across parallel test files. */
export function houseCodeIn(districtCode: string): string {
  houseSeq++;
  return `${districtCode}${String((Date.now() * 1000 + process.pid * 7 + houseSeq) % 10_000_000).padStart(7, '0')}`;
}

/** A 13-digit national ID with a valid check digit, different on every call. */
export function freshNationalId(): string {
  return nationalId(`1${String((Date.now() * 100 + process.pid + ++houseSeq) % 100_000_000_000).padStart(11, '0')}`);
}

/** Puts the app on a free port of 127.0.0.1, for a browser to open, and answers its base URL. */
export async function serveOnLocalPort(app: App): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/**
 * POSTs as `who` and answers the body. An answer of 300 or more fails the test, naming the URL
 * and the error body, so a precondition that went wrong says which step and why.
 */
export async function postOk<T>(api: { app: () => App }, who: { headers: { authorization: string } }, url: string, payload: object): Promise<T> {
  const response = await api.app().inject({ method: 'POST', url, headers: who.headers, payload });
  expect({ url, status: response.statusCode, body: response.statusCode < 300 ? undefined : response.json() }).toMatchObject({ url, status: response.statusCode < 300 ? response.statusCode : 200 });
  return response.json<T>();
}
