import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export interface SuiteFigures {
  passed: number;
  failed: number;
  failures: string[];
}

/**
 * Runs jest files that already prove a property (the role × scope matrix, the security checks,
 * the replay of recorded histories) and counts their tests for the report.
 */
export function runJestFiles(files: string[]): SuiteFigures {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kaejon-chaos-jest-')), 'result.json');
  spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--json', `--outputFile=${out}`, ...files], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number; testResults: Array<{ assertionResults: Array<{ fullName: string; status: string }> }> };
  const failures = result.testResults.flatMap((file) => file.assertionResults.filter((a) => a.status === 'failed').map((a) => a.fullName));
  return { passed: result.numPassedTests, failed: result.numFailedTests, failures };
}
