/**
 * Runs from `npm install` (postinstall) and again before every start and test run: installs the
 * Temporal binaries into .tools/ when they are missing, and does nothing when they are there.
 * Set KAEJON_SKIP_BOOTSTRAP=1 where Temporal runs elsewhere (the Docker images).
 */
import { ensureTemporalCli, ensureTestServer } from '../infra/toolchain';

function main(): void {
  if (process.env.KAEJON_SKIP_BOOTSTRAP === '1') return;
  const log = (message: string): void => console.log(`[bootstrap] ${message}`);
  const cli = ensureTemporalCli(log);
  const testServer = ensureTestServer(log);
  log(`temporal CLI: ${cli}`);
  log(`temporal test server: ${testServer}`);
}

try {
  main();
} catch (error) {
  console.error(`[bootstrap] ${(error as Error).message}`);
  // From postinstall (--soft) a missing tool must not fail `npm install`: start and test run
  // this again and stop there with the same message.
  if (!process.argv.includes('--soft')) process.exit(1);
}
