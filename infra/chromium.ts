import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { TOOLS_DIR } from './toolchain';

/**
 * The headless Chromium that the end-to-end test and `npm run screenshots` drive through
 * playwright-core. Playwright's own browser download needs the internet, so the browser comes
 * from the npm registry instead: the dev dependency `@sparticuz/chromium` ships a headless
 * Chromium for Linux x64 inside the package (brotli-compressed). It is unpacked once into
 * `.tools/` together with the libraries it links against (NSS, expat) and a font folder with no
 * system fonts in it, so every machine renders the same: Thai text in the app's own Sarabun web
 * font, or not at all.
 *
 * Order: `CHROMIUM_PATH` if set; the packaged browser on Linux x64; `/usr/bin/chromium` (for
 * example Debian's package on arm64). With none of them, `findChromium` says why.
 */

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const PACKAGE = '@sparticuz/chromium';

function packageDir(): string | undefined {
  try {
    // The package's exports hide package.json; its entry point sits in build/.
    return path.resolve(path.dirname(createRequire(__filename).resolve(PACKAGE)), '..');
  } catch {
    return undefined;
  }
}

async function inflateTo(source: string, target: string, mode: number): Promise<void> {
  await pipeline(fs.createReadStream(source), zlib.createBrotliDecompress(), fs.createWriteStream(target, { mode }));
}

function untarBrotli(source: string, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-x', '-C', dir], { input: zlib.brotliDecompressSync(fs.readFileSync(source)) });
}

/**
 * Unpacks the packaged browser into `.tools/chromium-<version>/` the first time, into a
 * temporary folder renamed at the end, so two test workers starting together never see half a
 * browser.
 */
async function unpackPackagedChromium(dir: string): Promise<{ executablePath: string; env: Record<string, string> }> {
  const version = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const target = path.join(TOOLS_DIR, `chromium-${version}`);
  const binary = path.join(target, 'chromium');
  if (!fs.existsSync(binary)) {
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(TOOLS_DIR, { recursive: true });
    const work = fs.mkdtempSync(`${target}.partial-`);
    try {
      await inflateTo(path.join(bin, 'chromium.br'), path.join(work, 'chromium'), 0o755);
      // SwiftShader (software GL) beside the binary, where Chromium looks for it.
      untarBrotli(path.join(bin, 'swiftshader.tar.br'), work);
      // lib/: NSS and expat, built for a glibc older than any current distribution's.
      untarBrotli(path.join(bin, 'al2023.tar.br'), work);
      // fonts/: Open Sans only, for the odd Latin fallback. The package's fonts.conf names
      // Lambda's folders; ours names this one and nothing else.
      untarBrotli(path.join(bin, 'fonts.tar.br'), work);
      fs.writeFileSync(
        path.join(work, 'fonts.conf'),
        `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${target}/fonts</dir>\n  <cachedir>${target}/fonts-cache</cachedir>\n</fontconfig>\n`,
      );
      fs.renameSync(work, target);
    } catch (error) {
      fs.rmSync(work, { recursive: true, force: true });
      // Another process finished first: use its copy.
      if (!fs.existsSync(binary)) throw error;
    }
  }
  return {
    executablePath: binary,
    // The packaged libraries come first; fonts only from the folder above.
    env: {
      LD_LIBRARY_PATH: [path.join(target, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(path.delimiter),
      FONTCONFIG_PATH: target,
      FONTCONFIG_FILE: path.join(target, 'fonts.conf'),
    },
  };
}

/** A browser that `launchChromium` can start: a binary on disk, or the packaged one to unpack. */
export type ChromiumSource = { executablePath: string } | { packageDir: string };

/** Where the browser would come from, or why there is none; synchronous, so tests can skip on it. */
export function findChromium(): { found: ChromiumSource } | { missing: string } {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    return fs.existsSync(configured)
      ? { found: { executablePath: configured } }
      : { missing: `CHROMIUM_PATH is ${configured}, and there is no file there` };
  }
  const dir = packageDir();
  if (dir && process.platform === 'linux' && process.arch === 'x64') return { found: { packageDir: dir } };
  if (fs.existsSync(SYSTEM_CHROMIUM)) return { found: { executablePath: SYSTEM_CHROMIUM } };
  const why = dir
    ? `${PACKAGE} ships a browser for Linux x64 only, and this is ${process.platform} ${process.arch}`
    : `${PACKAGE} is not installed (run npm install)`;
  return { missing: `${why}; there is no ${SYSTEM_CHROMIUM} either. Install Chromium or set CHROMIUM_PATH` };
}

export async function launchChromium(): Promise<Browser> {
  const lookup = findChromium();
  if ('missing' in lookup) throw new Error(`No Chromium: ${lookup.missing}`);
  const { executablePath, env } = 'packageDir' in lookup.found ? await unpackPackagedChromium(lookup.found.packageDir) : { ...lookup.found, env: undefined };
  return chromium.launch({
    executablePath,
    headless: true,
    env: env ? { ...process.env, ...env } : undefined,
    // Root in a container has no sandbox; the rest keeps Chromium from calling home on a closed network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
