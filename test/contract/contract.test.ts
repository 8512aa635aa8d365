import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * One contract, checked by the compiler: the HTTP body schemas (domain/contract/case-actions.ts)
 * type the workflows' update inputs, so changing a schema breaks the build wherever the change
 * is not followed. Proven here by compiling the project with an edited schema, in memory.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const CONTRACT = path.join(ROOT, 'domain', 'contract', 'case-actions.ts');
const VOCABULARY = path.join(ROOT, 'domain', 'vocabulary.ts');
const WEB = path.join(ROOT, 'web');
const ROOTS = ['api/app.ts', ...fs.readdirSync(path.join(ROOT, 'types')).map((f) => `types/${f}`), 'workflows/household-case/workflow.ts', 'workflows/assistance-task/workflow.ts'].map((f) => path.join(ROOT, f));

/** The project's diagnostics with some files edited in memory: the server's (ROOTS), or the web UI's. */
function errorsWith(edits: Record<string, (source: string) => string>, project: 'server' | 'web' = 'server'): string[] {
  const dir = project === 'web' ? WEB : ROOT;
  const { config } = ts.readConfigFile(path.join(dir, 'tsconfig.json'), ts.sys.readFile);
  const { options, fileNames } = ts.parseJsonConfigFileContent(config, ts.sys, dir);
  const host = ts.createCompilerHost({ ...options, noEmit: true });
  const original = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError) => {
    const edit = edits[path.resolve(fileName)];
    return edit ? ts.createSourceFile(fileName, edit(fs.readFileSync(fileName, 'utf8')), language) : original(fileName, language, onError);
  };
  const program = ts.createProgram(project === 'web' ? fileNames : ROOTS, { ...options, noEmit: true }, host);
  return ts.getPreEmitDiagnostics(program).map((d) => `${path.relative(ROOT, d.file?.fileName ?? '')}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

const replaceOnce = (from: string, to: string) => (source: string): string => {
  if (!source.includes(from)) throw new Error(`the contract no longer has ${from}`);
  return source.replace(from, to);
};

describe('the API contract is checked by the compiler', () => {
  it('compiles as it stands', () => {
    expect(errorsWith({})).toEqual([]);
  }, 120_000);

  it('refuses a renamed field of an action body (InstructionsBody.instructions)', () => {
    const errors = errorsWith({ [CONTRACT]: replaceOnce('closed({ instructions: text() })', 'closed({ instruction: text() })') });
    expect(errors.some((e) => e.startsWith('workflows/household-case/transitions.ts') && e.includes('instructions'))).toBe(true);
  }, 120_000);

  it('refuses a verify outcome the workflow does not handle', () => {
    const errors = errorsWith({ [VOCABULARY]: replaceOnce("'moved', 'duplicate']", "'moved', 'duplicate', 'relocated']") });
    expect(errors.some((e) => e.startsWith('workflows/household-case/transitions.ts'))).toBe(true);
  }, 120_000);

  it('refuses a web UI dictionary that lacks a label (the English word for an action)', () => {
    const errors = errorsWith({ [path.join(WEB, 'src', 'i18n-en.ts')]: replaceOnce(`    migratePolicy: "Apply the province's current policy",\n`, '') }, 'web');
    expect(errors.some((e) => e.startsWith('web/src/i18n-en.ts') && e.includes('migratePolicy'))).toBe(true);
  }, 120_000);

  it('refuses a timeline event the web UI cannot name', () => {
    const errors = errorsWith({ [VOCABULARY]: replaceOnce("'taskCancelled',\n]", "'taskCancelled', 'householdSplit',\n]") }, 'web');
    expect(errors.filter((e) => e.includes('householdSplit')).map((e) => e.split(':')[0]).sort()).toEqual(['web/src/i18n-en.ts', 'web/src/i18n-th.ts']);
  }, 120_000);
});
