import type { FuzzFigures } from './fuzz/run';
import type { SuiteFigures } from './jest-suites';
import { probeMissed, type OutageResult } from './outages';
import type { Leak } from './pii-scan';
import type { RaceResult } from './races';
import type { WorkerKillResult } from './worker-kills';

export interface ChaosFigures {
  startedAt: string;
  kills: WorkerKillResult;
  outages: OutageResult;
  races: RaceResult;
  fuzz: FuzzFigures & { seed: number };
  security: SuiteFigures;
  replay: SuiteFigures;
  leaks: Leak[];
  scanned: { logLines: number; errorAnswers: number; workflows: number };
}

const count = (list: unknown[]): string => (list.length === 0 ? '0' : `**${list.length}**`);
const fiveXX = (byStatus: Record<string, number>): number => Object.entries(byStatus).reduce((sum, [status, n]) => sum + (Number(status) >= 500 && status !== '503' ? n : 0), 0);
const statuses = (byStatus: Record<string, number>): string =>
  Object.entries(byStatus)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');

/** How many figures are failures (the run exits 1 when any is). */
export function failureCount(f: ChaosFigures): number {
  const checks = [f.kills.check, f.outages.check, f.races.check].flatMap((c) => [...c.wrongStage, ...c.lostOrDoubled, ...c.readModelDrift, ...c.auditDrift]);
  const badProbes = f.outages.probes.filter(probeMissed);
  const serverErrors = fiveXX(f.fuzz.byStatus) + fiveXX(f.kills.drive.byStatus) + fiveXX(f.outages.drive.byStatus) + fiveXX(f.races.byStatus);
  return (
    checks.length + f.races.duplicates.length + f.races.replayMismatches.length + badProbes.length + serverErrors +
    f.fuzz.unnamedField.length + f.fuzz.notJson.length + f.fuzz.oversizedErrors.length + f.leaks.length + f.security.failed + f.replay.failed
  );
}

/** RELIABILITY.md: the figures of the last `npm run chaos`, and what each one means. */
export function reliabilityReport(f: ChaosFigures): string {
  const k = f.kills;
  const o = f.outages;
  const r = f.races;
  const problems = [k.check, o.check, r.check].flatMap((c) => [...c.wrongStage, ...c.lostOrDoubled, ...c.readModelDrift, ...c.auditDrift]);
  const badProbes = o.probes.filter(probeMissed);
  return `# Reliability

Written by \`npm run chaos\` (scripts/chaos/) on ${f.startedAt}; the same scenarios run small in
\`npm test\` (test/chaos/). A figure in **bold** is a failure.

| figure | value |
|---|---|
| worker SIGKILLs survived | ${k.kills} (${k.killsDuringRun} while cases were being advanced) |
| cases advanced through the API during the kills | ${k.cases} in ${k.seconds} s (${k.drive.requests} requests, ${k.drive.retries} retries) |
| server outages survived | ${o.outages} (Temporal dev server, PostgreSQL: stopped and started mid-run) |
| cases advanced during the outages | ${o.check.checked} in ${o.seconds} s (${o.drive.requests} requests, ${o.drive.retries} retries, worker restarts ${o.workerRestarts}) |
| cases not in their expected stage | ${count([...k.check.wrongStage, ...o.check.wrongStage, ...r.check.wrongStage])} |
| transitions lost or applied twice | ${count([...k.check.lostOrDoubled, ...o.check.lostOrDoubled, ...r.check.lostOrDoubled])} |
| audit rows missing or doubled | ${count([...k.check.auditDrift, ...o.check.auditDrift, ...r.check.auditDrift])} |
| read model rows differing from the workflow state | ${count([...k.check.readModelDrift, ...o.check.readModelDrift, ...r.check.readModelDrift])} |
| concurrent duplicate attempts (same household, several requests at once, two replicas) | ${r.duplicateAttempts} over ${r.cases} households (${r.requests} requests in ${r.seconds} s) |
| households, members or open tasks duplicated | ${count(r.duplicates)} |
| replayed Idempotency-Keys / answered other than the first answer | ${r.replayedKeys} / ${count(r.replayMismatches)} |
| probes while a server was down not answered as expected (200 from the read model, or 503 + Retry-After) | ${count(badProbes)} of ${o.probes.length} |
| fuzzed inputs tried | ${f.fuzz.inputs} on ${f.fuzz.routes} routes (seed ${f.fuzz.seed}) |
| 5xx responses seen (fuzz, kills, outages, races; 503 during outages excluded) | ${fiveXX(f.fuzz.byStatus) + fiveXX(k.drive.byStatus) + fiveXX(o.drive.byStatus) + fiveXX(r.byStatus) || 0} |
| input errors (400/413/415/422) not naming the field | ${count(f.fuzz.unnamedField)} |
| error answers not served as JSON | ${count(f.fuzz.notJson)} |
| fuzzed uploads (malformed CSV and multipart included) | ${f.fuzz.uploads} |
| error answers over 2 kB (echoing input) | ${count(f.fuzz.oversizedErrors)} |
| personal-data leaks found | ${count(f.leaks)} (scanned ${f.scanned.logLines} log lines, ${f.scanned.errorAnswers} error answers, the audit trail, the search attributes of ${f.scanned.workflows} workflows) |
| security tests (role × scope matrix, headers, CSRF, lockout, rate limit, expiry, secrets) | ${f.security.passed} passed, ${f.security.failed ? `**${f.security.failed} failed**` : '0 failed'} |
| replay of recorded histories (incl. those from before the \`patched()\` change) | ${f.replay.passed} passed, ${f.replay.failed ? `**${f.replay.failed} failed**` : '0 failed'} |

Fuzz answers by status: ${statuses(f.fuzz.byStatus)}.

## What each scenario does

- **Worker kills.** The production worker entry (\`worker/main.ts\`) runs as its own process and is
  killed with SIGKILL at a random moment after it comes up, then started again, while cases are
  opened and advanced through the API (verify → analysis → plan → assign; case *i* takes
  *i* mod 5 steps). The client retries 503s and broken calls with the same Idempotency-Key.
  Each case is then compared with what was asked of it: its stage; every step's timeline event
  exactly once; its version (which counts every change); one audit row per action; and the
  read model's stage, version and event count equal to the workflow's.
- **Outages.** The Temporal dev server (SQLite file) and then PostgreSQL (its own process) are
  stopped and started again while cases advance. While one is down, a case read, a case opening
  and (PostgreSQL) an inbox read are probed. Then the same checks as above.
- **Races.** Each household is opened by a burst of concurrent requests spread over two API
  replicas: half replay one Idempotency-Key, half carry keys of their own with the same members.
  Then every step is sent in a burst the same way (only replays for the analysis, which may rightly
  be recorded twice). Afterwards no national ID may sit in two households, no house code twice, no
  problem with two open tasks; every replay must answer what the first request answered; and each
  case gets the checks above.
- **Fuzzing.** fast-check builds requests for every route of the OpenAPI document: bodies shaped
  like the schema with parts swapped for SQL and HTML injection, oversized text, wrong types,
  invalid national IDs, Buddhist-era dates and Christian-era fiscal years, broken JSON, other
  content types, bodies over the limit; CSV uploads with hostile cells, binary data, a file over
  the row limit and one over 50 MB; path parameters real or hostile; several roles.
- **Personal data.** Every log line of the API and the worker processes (at \`info\`), every error
  answer (with probes that invite an echo: a member already in the program, a national-ID search
  without a purpose), the audit trail's recorded changes, and every search attribute of the run's workflows are searched for the national IDs
  (also with dashes), names and phone numbers of the households the run created.
${problems.length || badProbes.length || f.leaks.length || f.fuzz.serverErrors.length || r.duplicates.length || r.replayMismatches.length ? `\n## Findings\n\n${[...problems, ...r.duplicates, ...r.replayMismatches, ...badProbes.map((p) => JSON.stringify(p)), ...f.leaks.map((l) => `${l.where}: a ${l.what} of the test households`), ...f.fuzz.serverErrors.map((e) => `${e.status} ${e.request}`)].slice(0, 50).map((line) => `- ${line.replace(/\n/g, ' ')}`).join('\n')}\n` : ''}`;
}
