/**
 * Runs one embedded PostgreSQL cluster as its own process until SIGTERM/SIGINT.
 * Usage: tsx scripts/postgres-server.ts <dataDir> <port>. Prints "ready <url>" when it accepts
 * connections. Tests use it to stop and restart a database under a running app.
 */
import { createLogger } from '../common/logger';
import { startEmbeddedPostgres } from '../infra/embedded-postgres';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  if (!dataDir || !port) throw new Error('usage: postgres-server.ts <dataDir> <port>');
  const pg = await startEmbeddedPostgres({ dataDir, port: Number(port), logger: createLogger('warn') });
  const stop = (): void => void pg.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(`ready ${pg.url}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
