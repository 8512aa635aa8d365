import fs from 'node:fs';
import path from 'node:path';
import { build, type OutputFile } from 'esbuild';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The web UI at `/`: a Preact app in web/, bundled by esbuild in memory the first time it is asked
 * for (a fraction of a second), so `npm start` and the tests need no separate build step and the
 * server never serves a stale bundle. Asset names carry a content hash and are cached for a year;
 * index.html is never cached, so a new release is picked up on the next page load.
 */
const WEB_DIR = path.resolve(__dirname, '../../web');

interface Bundle {
  index: string;
  assets: Map<string, { body: Buffer; type: string }>;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

export async function bundleWebUi(): Promise<Bundle> {
  const result = await build({
    entryPoints: [path.join(WEB_DIR, 'src/main.tsx')],
    bundle: true,
    write: false,
    outdir: '/assets',
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    format: 'esm',
    target: ['es2020', 'chrome100', 'safari15', 'firefox100'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: 'linked',
    loader: { '.woff2': 'file', '.woff': 'file' },
    tsconfig: path.join(WEB_DIR, 'tsconfig.json'),
    logLevel: 'silent',
  });
  const assets = new Map<string, { body: Buffer; type: string }>();
  const publicPath = (file: OutputFile) => `/assets/${path.basename(file.path)}`;
  for (const file of result.outputFiles) assets.set(publicPath(file), { body: Buffer.from(file.contents), type: TYPES[path.extname(file.path)] ?? 'application/octet-stream' });
  const find = (ext: string) => [...assets.keys()].find((name) => name.startsWith('/assets/main-') && name.endsWith(ext));
  const template = fs.readFileSync(path.join(WEB_DIR, 'index.html'), 'utf8');
  const index = template.replace('%APP_JS%', find('.js') ?? '').replace('%APP_CSS%', find('.css') ?? '');
  return { index, assets };
}

export async function webUiRoutes(app: FastifyInstance): Promise<void> {
  let bundle: Promise<Bundle> | undefined;
  const current = () => {
    // A failed build is not cached: fixing the file and reloading the page is enough.
    bundle ??= bundleWebUi().catch((error: unknown) => {
      bundle = undefined;
      throw error;
    });
    return bundle;
  };
  const sendIndex = async (reply: FastifyReply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send((await current()).index);

  app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => sendIndex(reply));
  app.get('/index.html', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => sendIndex(reply));
  app.get('/assets/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const asset = (await current()).assets.get(request.url.split('?')[0]);
    if (!asset) return reply.code(404).type('text/plain').send('Not found');
    return reply.type(asset.type).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body);
  });
}
