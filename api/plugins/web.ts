import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { landingPage, type LandingPage } from '../../common/landing';
import { firstScreenFor, isNavigation } from './first-screen';
import { firstScreenRenderer, inlineStyles, withFirstScreen, type InlineStyles } from './first-screen-page';
import { allowInlineStyle } from './security';
import { ICON_SIZES, iconPng, WEB_APP_MANIFEST } from './web-app-manifest';

/**
 * The web UI at `/`: a Preact app in web/. From the source tree it is bundled by esbuild in memory
 * the first time it is asked for (a fraction of a second), so `npm start` and the tests need no
 * build step and never serve a stale bundle. `npm run build` writes the same bundle to dist/web/,
 * which is where this file looks once compiled (dist/api/plugins → dist/web): production images
 * serve files and carry no bundler work. Asset names carry a content hash and are cached for a
 * year; index.html is never cached, so a new release is picked up on the next page load.
 */
const WEB_DIR = path.resolve(__dirname, '../../web');
const MANIFEST = 'manifest.json';

export interface Bundle {
  index: string;
  assets: Map<string, { body: Buffer; type: string }>;
  /** The service worker, with the list of what it precaches (web/src/sw.ts). */
  serviceWorker: string;
  /** web/src/server-render.tsx for Node (CommonJS): the first screen's HTML. */
  serverRender: string;
}
const SERVICE_WORKER = 'sw.js';
const SERVER_RENDER = 'server-render.cjs';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

export async function bundleWebUi(): Promise<Bundle> {
  const { build } = await import('esbuild');
  // The browser's bundle, and meanwhile the first screen's renderer for Node, which needs nothing of it.
  const [result, serverRender] = await Promise.all([
    build({
      entryPoints: [path.join(WEB_DIR, 'src/main.tsx'), path.join(WEB_DIR, 'src/fonts.css')],
      // The first screen's modules in one chunk rather than ten (web/src/first-load.ts).
      inject: [path.join(WEB_DIR, 'src/first-load.ts')],
      bundle: true,
      write: false,
      outdir: '/assets',
      entryNames: '[name]-[hash]',
      assetNames: '[name]-[hash]',
      format: 'esm',
      // Each page loads on first use (web/src/components/lazy.tsx); shared code goes to chunks of its own.
      splitting: true,
      chunkNames: 'chunk-[hash]',
      target: ['es2020', 'chrome100', 'safari15', 'firefox100'],
      jsx: 'automatic',
      jsxImportSource: 'preact',
      minify: true,
      sourcemap: 'linked',
      loader: { '.woff2': 'file', '.woff': 'file' },
      tsconfig: path.join(WEB_DIR, 'tsconfig.json'),
      logLevel: 'silent',
      metafile: true,
    }),
    build({
      entryPoints: [path.join(WEB_DIR, 'src/server-render.tsx')],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      minify: true,
      // The page links the styles and fonts; the server only writes the HTML.
      loader: { '.css': 'empty', '.woff2': 'empty', '.woff': 'empty' },
      tsconfig: path.join(WEB_DIR, 'tsconfig.json'),
      logLevel: 'silent',
    }),
  ]);
  const assets = new Map<string, { body: Buffer; type: string }>();
  for (const file of result.outputFiles) assets.set(`/assets/${path.basename(file.path)}`, { body: Buffer.from(file.contents), type: typeOf(file.path) });
  const find = (ext: string, entry = 'main') => [...assets.keys()].find((name) => name.startsWith(`/assets/${entry}-`) && name.endsWith(ext));
  const chunks = landingChunks(result.metafile);
  // The entry's chunks, and the inbox's (the landing page of most roles) with every chunk it
  // imports, are fetched with the page: no chunk waits one round trip for the one that imports it.
  const preloaded = [...new Set([...chunks.entry, ...chunks.landing.inbox])];
  const preloads = preloaded.map((file) => `<link rel="modulepreload" href="${file}" />`).join('\n    ');
  const template = fs.readFileSync(path.join(WEB_DIR, 'index.html'), 'utf8');
  const index = template
    .replace('%APP_JS%', find('.js') ?? '')
    .replace('%APP_CSS%', find('.css') ?? '')
    .replace('%FONTS_CSS%', find('.css', 'fonts') ?? '')
    .replace('%PRELOADS%', preloads)
    // The other landing pages' files, for the app to preload once it knows the role (web/src/preload.ts).
    .replace('%LANDING_CHUNKS%', scriptJson(chunks.landing));
  // The shell to precache: the page (revised by its content) and every hashed asset but source maps.
  const precache = [{ url: '/', revision: createHash('sha256').update(index).digest('hex').slice(0, 16) }, ...[...assets.keys()].filter((name) => !name.endsWith('.map')).map((url) => ({ url, revision: null }))];
  const worker = await build({
    entryPoints: [path.join(WEB_DIR, 'src/sw.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: ['es2020', 'chrome100', 'safari15', 'firefox100'],
    minify: true,
    banner: { js: `self.__WB_MANIFEST=${JSON.stringify(precache)};` },
    tsconfig: path.join(WEB_DIR, 'tsconfig.json'),
    logLevel: 'silent',
  });
  return { index, assets, serviceWorker: worker.outputFiles[0].text, serverRender: serverRender.outputFiles[0].text };
}

/** The landing pages (common/landing.ts) by the source file of each. */
const LANDING_SOURCES: Record<LandingPage, string> = { inbox: 'src/pages/inbox.tsx', dashboard: 'src/pages/dashboard.tsx', tasks: 'src/pages/tasks.tsx' };
type LandingChunks = Record<LandingPage, string[]>;

/**
 * From esbuild's metafile: the files the entry imports statically, and for each landing page its
 * own chunk with every chunk that chunk imports statically, transitively (`/assets/...` URLs).
 */
function landingChunks(metafile: Metafile): { entry: string[]; landing: LandingChunks } {
  const outputs = metafile.outputs;
  const closure = (output: string | undefined): string[] => {
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      for (const i of outputs[name]?.imports ?? []) if (i.kind === 'import-statement' && i.path.endsWith('.js')) visit(i.path);
    };
    if (output) visit(output);
    return [...seen].map((name) => `/assets/${path.basename(name)}`);
  };
  const outputOf = (source: string) => Object.keys(outputs).find((name) => name.endsWith('.js') && outputs[name].entryPoint !== undefined && path.resolve(outputs[name].entryPoint!) === path.join(WEB_DIR, source));
  const entry = closure(outputOf('src/main.tsx')).slice(1);
  const landing = Object.fromEntries(Object.entries(LANDING_SOURCES).map(([page, source]) => [page, closure(outputOf(source))])) as LandingChunks;
  return { entry, landing };
}

/** JSON for inside a `<script>` element: `<` escaped, so no string in it can close the element. */
export const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * For each landing page, the `modulepreload` links of its files that the page does not already
 * preload (the inbox's are in every page), read from the list index.html carries (the built page
 * is all a deployment has), once per bundle rather than once per request.
 */
function landingPreloads(index: string): Partial<Record<LandingPage, string>> {
  const listed = /<script type="application\/json" id="landing-chunks">([^<]*)<\/script>/.exec(index)?.[1];
  const chunks = listed ? (JSON.parse(listed) as Partial<LandingChunks>) : {};
  const link = (file: string) => `<link rel="modulepreload" href="${file}" />`;
  return Object.fromEntries(Object.entries(chunks).map(([page, files]) => [page, files.filter((file) => !index.includes(link(file))).map((file) => `${link(file)}\n    `).join('')]));
}

const typeOf = (file: string) => TYPES[path.extname(file)] ?? 'application/octet-stream';

/** Writes the bundle as files with a manifest (npm run build). */
export function writeWebUi(bundle: Bundle, outDir: string): void {
  fs.mkdirSync(path.join(outDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(outDir, 'index.html'), bundle.index);
  for (const [name, asset] of bundle.assets) fs.writeFileSync(path.join(outDir, name), asset.body);
  fs.writeFileSync(path.join(outDir, SERVICE_WORKER), bundle.serviceWorker);
  fs.writeFileSync(path.join(outDir, SERVER_RENDER), bundle.serverRender);
  fs.writeFileSync(path.join(outDir, MANIFEST), JSON.stringify([...bundle.assets.keys()], null, 1));
}

function readWebUi(dir: string): Bundle {
  const names = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as string[];
  const assets = new Map(names.map((name) => [name, { body: fs.readFileSync(path.join(dir, name)), type: typeOf(name) }]));
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  return { index: read('index.html'), assets, serviceWorker: read(SERVICE_WORKER), serverRender: read(SERVER_RENDER) };
}

const loadWebUi = (): Promise<Bundle> => (fs.existsSync(path.join(WEB_DIR, MANIFEST)) ? Promise.resolve(readWebUi(WEB_DIR)) : bundleWebUi());

export async function webUiRoutes(app: FastifyInstance): Promise<void> {
  let bundle: Promise<Bundle> | undefined;
  const current = () => {
    // A failed build is not cached: fixing the file and reloading the page is enough.
    bundle ??= loadWebUi().catch((error: unknown) => {
      bundle = undefined;
      throw error;
    });
    return bundle;
  };
  // What a signed-in navigation needs of the bundle, worked out once per bundle.
  let derived: { bundle: Bundle; preloads: Partial<Record<LandingPage, string>>; render: (json: string) => string | undefined; styles?: InlineStyles } | undefined;
  const derivedOf = (bundle: Bundle) =>
    derived?.bundle === bundle ? derived : (derived = { bundle, preloads: landingPreloads(bundle.index), render: firstScreenRenderer(bundle.serverRender), styles: inlineStyles(bundle.index, bundle.assets) });
  const sendIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    const bundle = await current();
    const { index } = bundle;
    reply.type('text/html; charset=utf-8');
    const screen = isNavigation(request) ? await firstScreenFor(app, request).catch((error: unknown) => void request.log.warn({ err: error }, 'first screen not embedded')) : undefined;
    // The plain shell carries no Vary: the service worker precaches it from a fetch and answers
    // navigations with it, and the Cache API honours Vary, so a navigation (another Sec-Fetch-Mode,
    // a cookie) would miss the copy and go to the network, even offline.
    if (!screen) return reply.header('cache-control', 'no-cache').send(index);
    // Personal: never stored, by the browser or anything between (a reload after sign-out asks
    // again), and varying by the cookie for any cache that would key it.
    const { preloads, render, styles } = derivedOf(bundle);
    if (styles) allowInlineStyle(reply, styles.source);
    const json = scriptJson(screen);
    let html: string | undefined;
    try {
      html = render(json);
    } catch (error) {
      request.log.warn({ err: error }, 'first screen not rendered');
    }
    return reply.header('cache-control', 'no-store, private').header('vary', 'Cookie, Sec-Fetch-Mode, Accept').send(withFirstScreen(index, styles, preloads[landingPage(screen.user.role)] ?? '', json, html));
  };

  app.get('/', { config: { public: true }, schema: { hide: true } }, async (request, reply) => sendIndex(request, reply));
  app.get('/index.html', { config: { public: true }, schema: { hide: true } }, async (request, reply) => sendIndex(request, reply));
  // The worker is never cached by HTTP: the browser checks it on each visit, which is how a release reaches a phone.
  app.get('/sw.js', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').header('service-worker-allowed', '/').send((await current()).serviceWorker),
  );
  app.get('/manifest.webmanifest', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => reply.type('application/manifest+json').header('cache-control', 'no-cache').send(JSON.stringify(WEB_APP_MANIFEST)));
  const icons = new Map([...ICON_SIZES].map((size) => [`/icons/icon-${size}.png`, iconPng(size)]));
  app.get('/icons/:name', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const icon = icons.get(request.url.split('?')[0]);
    if (!icon) return reply.code(404).type('text/plain').send('Not found');
    return reply.type('image/png').header('cache-control', 'public, max-age=86400').send(icon);
  });
  app.get('/assets/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const asset = (await current()).assets.get(request.url.split('?')[0]);
    if (!asset) return reply.code(404).type('text/plain').send('Not found');
    return reply.type(asset.type).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body);
  });
}
