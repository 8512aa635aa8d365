/** Writes the web UI's bundle to dist/web/ for production images (api/plugins/web.ts serves it). */
import path from 'node:path';
import { bundleWebUi, writeWebUi } from '../api/plugins/web';

const out = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist', 'web'));
bundleWebUi().then(
  (bundle) => {
    writeWebUi(bundle, out);
    console.log(`web UI written to ${path.relative(process.cwd(), out)} (${bundle.assets.size} assets)`);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
