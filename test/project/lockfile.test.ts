import fs from 'node:fs';
import path from 'node:path';

/**
 * package-lock.json must let `npm ci` run on any platform, with npm 10 and 11, and leave
 * `npm install` nothing to rewrite. npm refuses `npm ci` when a package's optional dependency
 * (another platform's build of @swc/core, esbuild, ...) has no entry of its own, and an npm on
 * Linux has been seen dropping those entries. See docs/DEPLOYMENT.md, "Supported versions".
 */
interface LockEntry {
  version?: string;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const ROOT = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as LockEntry;
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };

/** Where npm finds `name` for the package at `from`: its own node_modules, then each parent's. */
function resolveEntry(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dir.includes('/node_modules/') ? dir.slice(0, dir.lastIndexOf('/node_modules/')) : '') {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!dir) return undefined;
  }
}

describe('package-lock.json', () => {
  it('matches package.json: the same pinned dependencies and engines', () => {
    const root = lock.packages[''];
    expect({ dependencies: root.dependencies, devDependencies: root.devDependencies, engines: root.engines }).toEqual({
      dependencies: manifest.dependencies,
      devDependencies: manifest.devDependencies,
      engines: manifest.engines,
    });
    for (const spec of [...Object.values(manifest.dependencies ?? {}), ...Object.values(manifest.devDependencies ?? {})]) {
      expect(spec).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
    }
  });

  it("holds every platform's optional binaries, so npm ci works on any machine", () => {
    const missing: string[] = [];
    for (const [at, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (!resolveEntry(at, name)) missing.push(`${at || '(root)'} -> ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
