import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ERROR_CODES } from '../../domain/error-codes';
import { errorCodesEn } from '../../web/src/errors-en';
import { errorCodesTh } from '../../web/src/errors-th';

/**
 * Every code the server can send has a Thai and an English sentence. The typecheck holds most of
 * it (ApiError and reject() take only listed codes; the UI's maps satisfy Record<ErrorCode, string>);
 * this scan catches a code written where the types do not look: a literal next to `code`, a
 * rejection, or an error built by hand.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const SERVER_FOLDERS = ['api', 'workflows', 'domain', 'db', 'activities'];

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
    // Reference data (agency codes like 'CDD') and migrations hold no error codes.
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !/migrations|reference/.test(entry.parentPath))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Literals that sit where a code goes: `code: 'X'`, `'X' satisfies …Code`, reject/refusal(kind, 'X'), new ApiError(…, 'X'). */
function thrownCodes(source: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /\bcode:\s*'([A-Z][A-Z0-9_]+)'/g,
    /'([A-Z][A-Z0-9_]+)'\s+satisfies\s+\w*Code\b/g,
    /\b(?:reject|refusal)\(\s*'\w+',\s*'([A-Z][A-Z0-9_]+)'/g,
    /new (?:ApiError|AccountError)\([^;]*?'([A-Z][A-Z0-9_]+)'\s*(?:,[^;]*)?\)/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.add(match[1]);
  return [...found];
}

describe('error codes', () => {
  const listed = new Set<string>(ERROR_CODES);

  it('lists every code the server throws', () => {
    const unlisted: string[] = [];
    let seen = 0;
    for (const file of SERVER_FOLDERS.flatMap(sourceFiles)) {
      for (const code of thrownCodes(readFileSync(file, 'utf8'))) {
        seen++;
        if (!listed.has(code) && !code.startsWith('FST_')) unlisted.push(`${path.relative(ROOT, file)}: ${code}`);
      }
    }
    expect(seen).toBeGreaterThan(50);
    expect(unlisted).toEqual([]);
  });

  it('has no code twice', () => {
    expect(ERROR_CODES.length).toBe(listed.size);
  });

  it('has a Thai and an English sentence for each code, and none for a code that does not exist', () => {
    for (const map of [errorCodesTh, errorCodesEn]) {
      expect(Object.keys(map).sort()).toEqual([...listed].sort());
      for (const [code, text] of Object.entries(map)) expect({ code, blank: !text.trim() }).toEqual({ code, blank: false });
    }
    for (const text of Object.values(errorCodesTh)) expect(text).toMatch(/[\u0E00-\u0E7F]/);
  });

  it('names every code in docs/API.md', () => {
    const docs = readFileSync(path.join(ROOT, 'docs', 'API.md'), 'utf8');
    expect(ERROR_CODES.filter((code) => !docs.includes(`\`${code}\``))).toEqual([]);
  });
});
