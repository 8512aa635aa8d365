import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The layers point one way, and lint holds them there: api/ and activities/ share code through
 * domain/ and db/, never through each other; domain/ and db/ import neither. Each fence is tried
 * with a forbidden import put into a real file of the layer (the text is linted in memory).
 */
const ROOT = path.resolve(__dirname, '..', '..');

/** ESLint in a process of its own (it loads its config as an ES module, which jest's VM cannot). */
async function restrictedImports(file: string, source: string): Promise<string[]> {
  const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'eslint'), ['--stdin', '--stdin-filename', file, '--format', 'json'], { cwd: ROOT, input: source, encoding: 'utf8' });
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer fences', () => {
  it.each([
    ['activities/imports.ts', "import { buildApp } from '../api/app';\nexport const x = buildApp;\n"],
    ['api/services/incidents.ts', "import { IncidentInterceptor } from '../../worker/incident-interceptor';\nexport const x = IncidentInterceptor;\n"],
    ['db/policies.ts', "import { buildApp } from '../api/app';\nexport const x = buildApp;\n"],
    ['domain/intake.ts', "import { openOrm } from '../db/orm';\nexport const x = openOrm;\n"],
  ])('%s may not import %s', async (file, source) => {
    expect(await restrictedImports(file, source)).toHaveLength(1);
  }, 60_000);

  it('lets domain/ read the reference data', async () => {
    expect(await restrictedImports('domain/intake.ts', "import { TPMAP_INDICATOR_CODES } from '../db/reference/indicators';\nexport const x = TPMAP_INDICATOR_CODES;\n")).toEqual([]);
  }, 60_000);
});
