import { activityInfo, heartbeat, log } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, WorkflowNotFoundError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { areaInScope } from '../domain/scope';
import { checkHouseholdsAgainstDatabase } from '../db/household-intake';
import { finishImportJob, ImportGoneError, markImportRunning, recountImport } from '../db/import-jobs';
import { surveyRowToSignal } from '../domain/imports/survey-rows';
import { intakeRowProblem, outsideScope, targetRowToHousehold, type RowProblem } from '../domain/imports/target-rows';
import { claimHouseholds, type ClaimRequest } from '../db/household-claims';
import { closedCasesHoldingKeys, linkToEndedCase } from '../db/case-links';
import type { Orm } from '../db/orm';
import { activePolicy } from '../db/policies';
import { projectCaseSnapshots } from '../db/read-model/projection';
import { caseStateQuery, surveyResultSignal } from '../workflows/household-case/messages';
import { newCaseId } from '../domain/ids';
import { openingState, startSearchAttributes } from '../workflows/household-case/opening';
import type { CaseState, Household, HouseholdCaseInput } from '../workflows/household-case/types';
import type { householdCaseWorkflow } from '../workflows/household-case/workflow';
import type { ImportBatchInput, ImportBatchResult, ImportKind, ImportOutcome } from '../workflows/import/messages';
import type { CasePolicy } from '../workflows/policy';

/**
 * The import workflows' I/O. A batch reads rows still 'pending', settles each (accepted with its
 * case, or rejected with reason and column), publishes the new cases' openings to the read model,
 * writes the rows back only where they are still pending, and recounts the job: a retried batch
 * settles nothing twice and counts nothing twice.
 *
 * A little over 300 lines: staging, batches and finishing share the one idempotency rule above
 * (pending rows only, recount from the rows), which reads best in one place.
 */
export interface ImportActivityDeps {
  orm: Orm;
  temporal: Client;
}

/** Workflow starts and signals in flight at once per batch: enough to keep the server busy, not flooded. */
const IN_FLIGHT = 64;
const REASON_MAX = 255;
/** A call takes no new batch after this long: the workflow's progress (and history) keeps moving. */
const CALL_BUDGET_MS = 60_000;

interface StagedRow {
  row_no: number;
  data: Record<string, string>;
}

interface RowOutcome {
  row_no: number;
  status: 'accepted' | 'rejected';
  reason: string | null;
  field: string | null;
  case_id: string | null;
}

const accepted = (row: StagedRow, caseId: string): RowOutcome => ({ row_no: row.row_no, status: 'accepted', reason: null, field: null, case_id: caseId });
const rejected = (row: StagedRow, problem: RowProblem): RowOutcome => ({ row_no: row.row_no, status: 'rejected', reason: problem.reason.slice(0, REASON_MAX), field: problem.field, case_id: null });

export function createImportActivities({ orm, temporal }: ImportActivityDeps) {
  /** A case's workflow as Temporal describes it; null when there is none (never started, or gone with the namespace's retention). */
  async function describeCase(caseId: string): Promise<WorkflowExecutionDescription | null> {
    try {
      return await temporal.workflow.getHandle(caseId).describe();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return null;
      throw error;
    }
  }

  /** Whether a case was started by this import (a retried batch whose first attempt got that far). */
  async function startedByImport(caseId: string, importId: string): Promise<boolean> {
    return (await describeCase(caseId))?.memo?.importId === importId;
  }

  /** Whether a case's workflow has ended: closed and past its reopen window (or gone with the namespace's retention). */
  async function workflowEnded(caseId: string): Promise<boolean> {
    const description = await describeCase(caseId);
    return description === null || description.status.name !== 'RUNNING';
  }

  /**
   * Households already in the program whose one case is closed and can no longer be reopened: each
   * row opens a new case that follows the earlier one (db/case-links.ts), in the household's own
   * row. Answers the earlier case of each household that follows one; the rest stay duplicates.
   */
  async function followEndedCases(requests: ClaimRequest[]): Promise<Map<Household, string>> {
    const earlier = await closedCasesHoldingKeys(orm.em.fork(), requests);
    const follows = new Map<Household, string>();
    for (const [i, request] of requests.entries()) {
      const previous = earlier[i];
      if (!previous || !(await workflowEnded(previous.caseId))) continue;
      // The two cases share the household row (its members, its page).
      request.household.householdId = previous.householdId;
      if (await linkToEndedCase(orm.em.fork(), request.caseId, previous.caseId, request)) follows.set(request.household, previous.caseId);
    }
    return follows;
  }

  /** The state of a case an earlier attempt started, to publish again (the attempt may have died first). */
  async function stateOf(caseId: string): Promise<CaseState> {
    return temporal.workflow.getHandle(caseId).query(caseStateQuery);
  }

  /**
   * Opens a case per accepted row. Each case starts with `openingPublished`; the opening states come
   * back with the outcomes, to be written to the read model, all at once, before the rows are
   * marked. A retried batch publishes again whatever an earlier attempt started.
   */
  async function settleTargets(input: ImportBatchInput, rows: StagedRow[], slot: Limiter): Promise<Settled> {
    const taskQueue = activityInfo().taskQueue;
    const retried = activityInfo().attempt > 1;
    const openings: CaseState[] = [];
    // One policy lookup per province and batch, shared by the batch's starts.
    const policies = new Map<string, Promise<CasePolicy>>();
    const policyFor = (provinceCode: string): Promise<CasePolicy> => {
      let policy = policies.get(provinceCode);
      if (!policy) policies.set(provinceCode, (policy = activePolicy(orm.em.fork(), provinceCode)));
      return policy;
    };
    const startedEarlier = async (row: StagedRow, caseId: string): Promise<RowOutcome | null> => {
      if (!(await startedByImport(caseId, input.importId))) return null;
      openings.push(await stateOf(caseId));
      return accepted(row, caseId);
    };
    // Rows that parse and lie in the uploader's area are checked against the database together.
    const settling = rows.map((row): { row: StagedRow; problem: RowProblem } | { row: StagedRow; problem: null; household: Household } => {
      const result = targetRowToHousehold(row.data, input.importId, row.row_no);
      if (result.problem) return { row, problem: result.problem };
      const scoped = outsideScope(input.scope, result.household);
      return scoped ? { row, problem: scoped } : { row, problem: null, household: result.household };
    });
    const candidates = settling.flatMap((s) => (s.problem ? [] : [s.household]));
    const checked = await checkHouseholdsAgainstDatabase(orm.em.fork(), candidates, 'row');
    const problemOf = new Map(candidates.map((household, i) => [household, checked[i]]));
    // Opaque case IDs, the same for a row whatever attempt of its batch runs (a retry finds the case).
    const caseIdOfRow = (row: StagedRow): string => newCaseId(`import\n${input.importId}\n${row.row_no}`);
    const rowOf = new Map(settling.flatMap((s) => (s.problem ? [] : [[s.household, s.row] as const])));
    const follows = await followEndedCases(candidates.filter((household) => problemOf.get(household)?.code === 'CASE_EXISTS').map((household) => ({ caseId: caseIdOfRow(rowOf.get(household)!), household })));
    for (const household of follows.keys()) problemOf.set(household, null);
    // The keys are claimed for the whole batch at once; a concurrent intake of the same household
    // (another import, a single POST /cases) loses on the claim, whatever the read above saw.
    const claimants = candidates.filter((household) => !problemOf.get(household));
    const claims = await claimHouseholds(orm.em.fork(), claimants.map((household) => ({ caseId: caseIdOfRow(rowOf.get(household)!), household })));
    const claimConflictOf = new Map(claimants.map((household, i) => [household, claims[i]]));
    const outcomes = await mapLimited(settling, slot, async (s) => {
      if (s.problem) return rejected(s.row, s.problem);
      const { row, household } = s;
      const caseId = caseIdOfRow(row);
      const problem = problemOf.get(household);
      if (problem) {
        // The first attempt may have started this very case before it could record the row.
        if (retried && problem.kind === 'duplicate') return (await startedEarlier(row, caseId)) ?? rejected(row, intakeRowProblem(problem));
        return rejected(row, intakeRowProblem(problem));
      }
      const conflict = claimConflictOf.get(household);
      if (conflict) return rejected(row, intakeRowProblem({ field: conflict.field, message: 'this household is already in the program', code: 'CASE_EXISTS', kind: 'duplicate' }));
      try {
        const openedAt = new Date().toISOString();
        const previousCaseId = follows.get(household);
        const caseInput: HouseholdCaseInput = { household, policy: await policyFor(household.provinceCode), openedBy: input.startedBy, openedAt, openingPublished: true, projectsLocally: true, ...(previousCaseId ? { previousCaseId } : {}) };
        const opening = openingState(caseId, caseInput, openedAt);
        await temporal.workflow.start<typeof householdCaseWorkflow>('householdCaseWorkflow', {
          workflowId: caseId,
          taskQueue,
          args: [caseInput],
          typedSearchAttributes: startSearchAttributes(opening),
          // A household closed long ago is reopened through its case, never entered a second time.
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          memo: { importId: input.importId },
        });
        openings.push(opening);
        return accepted(row, caseId);
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        return (await startedEarlier(row, caseId)) ?? rejected(row, { field: household.houseCode ? 'house_code' : 'member_national_ids', reason: 'this household is already in the program' });
      } finally {
        heartbeat();
      }
    });
    return { outcomes, openings };
  }

  /** The batch's opening states in one transaction, one statement per table (version-guarded, so a repeat is harmless). */
  async function publishOpenings(openings: CaseState[]): Promise<void> {
    if (openings.length === 0) return;
    const started = Date.now();
    await projectCaseSnapshots(orm, openings);
    log.info('import openings published', { cases: openings.length, ms: Date.now() - started });
  }

  async function settleSurvey(input: ImportBatchInput, rows: StagedRow[], slot: Limiter): Promise<RowOutcome[]> {
    const parsed = rows.map((row) => ({ row, result: surveyRowToSignal(row.data) }));
    const ids = [...new Set(parsed.flatMap(({ result }) => (result.problem ? [] : [result.householdId])))];
    const cases = ids.length
      ? await orm.em
          .fork()
          .execute<Array<{ id: string; household_id: string; province_code: string; district_code: string; subdistrict_code: string }>>(
            // A household's later case comes last and is the one the survey speaks to.
            'select id, household_id, province_code, district_code, subdistrict_code from household_case where household_id in (?) order by opened_at',
            [ids],
          )
      : [];
    const caseOf = new Map(cases.map((c) => [c.household_id, c]));
    const scoped = Boolean(input.scope.provinceCode || input.scope.districtCode || input.scope.subdistrictCode);
    return mapLimited(parsed, slot, async ({ row, result }) => {
      if (result.problem) return rejected(row, result.problem);
      const found = caseOf.get(result.householdId);
      // Unknown and outside the area read the same: the uploader learns nothing about other areas.
      if (!found || !areaInScope(input.scope, { provinceCode: found.province_code, districtCode: found.district_code, subdistrictCode: found.subdistrict_code })) {
        return rejected(row, { field: result.idField, reason: `unknown household: ${result.householdId} is not in the program${scoped ? ' in your area' : ''}` });
      }
      try {
        await temporal.workflow.getHandle(found.id).signal(surveyResultSignal, result.signal);
        return accepted(row, found.id);
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return rejected(row, { field: result.idField, reason: `the case ${found.id} has ended and takes no survey result` });
        throw error;
      } finally {
        heartbeat();
      }
    });
  }

  return {
    /** File-wide checks before the batches: the job is running, and rows repeating an earlier row are rejected. */
    async prepareImport(importId: string, kind: ImportKind): Promise<void> {
      await orm.em.fork().transactional(async (em) => {
        await markImportRunning(em, importId);
        await rejectDuplicatesInFile(em, importId, kind);
      });
      await nonRetryableWhenGone(() => recountImport(orm.em.fork(), importId));
    },

    /**
     * Works through up to `maxBatches` batches (or about a minute's worth). A batch's writes (its
     * cases' openings, then its rows' outcomes and the job's counts) run while the next batch
     * starts its cases, so the engine is not left idle between batches. Batches are written in
     * order, and a retry repeats only what was not written: those rows are still pending.
     */
    async processImportBatch(input: ImportBatchInput): Promise<ImportBatchResult> {
      const started = Date.now();
      const em = orm.em.fork();
      const recount = () => nonRetryableWhenGone(() => recountImport(orm.em.fork(), input.importId));
      let settled = 0;
      let counts: Awaited<ReturnType<typeof recount>> | null = null;
      // Starts (or signals) in flight across the call's batches, so the next batch starts while the
      // last starts of the one before finish: the engine never waits for a batch boundary.
      const slot = limiter(IN_FLIGHT);
      const settle = async (rows: StagedRow[]): Promise<Settled> =>
        input.kind === 'targets' ? settleTargets(input, rows, slot) : { outcomes: await settleSurvey(input, rows, slot), openings: [] };
      const write = async ({ outcomes, openings }: Settled): Promise<void> => {
        await publishOpenings(openings);
        settled += await writeOutcomes(orm.em.fork(), input.importId, outcomes);
        // The progress a client polls moves with every batch.
        counts = await recount();
        heartbeat();
      };
      // Batches are written one after another, in order, each once its rows are settled.
      let written: Promise<void> = Promise.resolve();
      let previous: Promise<unknown> = Promise.resolve();
      // The rows of batches still under way are pending too: read past them.
      let after = 0;
      try {
        for (let batch = 0; batch < input.maxBatches && Date.now() - started < CALL_BUDGET_MS; batch++) {
          const rows = await em.execute<StagedRow[]>(`select row_no, data from import_row where import_id = ? and status = 'pending' and row_no > ? order by row_no limit ?`, [
            input.importId,
            after,
            input.batchSize,
          ]);
          if (rows.length === 0) break;
          after = rows[rows.length - 1].row_no;
          const settling = settle(rows);
          written = Promise.all([written, settling]).then(([, batchSettled]) => write(batchSettled));
          // Awaited below; until then a failure must not count as unhandled.
          settling.catch(() => undefined);
          written.catch(() => undefined);
          // Two batches under way at most: this one, and the one before finishing.
          await previous;
          previous = settling;
        }
      } finally {
        await written.catch(() => undefined);
      }
      await written;
      counts ??= await recount();
      log.info('import rows settled', { importId: input.importId, settled, pendingRows: counts.pendingRows, ms: Date.now() - started });
      return { ...counts, settled };
    },

    async finishImport(importId: string, error: string | null): Promise<ImportOutcome> {
      try {
        return await finishImportJob(orm.em.fork(), importId, error);
      } catch (failure) {
        if (!(failure instanceof ImportGoneError)) throw failure;
        return { importId, status: 'failed', error: failure.message, totalRows: 0, processedRows: 0, acceptedRows: 0, rejectedRows: 0 };
      }
    },
  };
}

async function nonRetryableWhenGone<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ImportGoneError) throw ApplicationFailure.nonRetryable(error.message, 'ImportGone');
    throw error;
  }
}

/** One statement for the whole batch; rows another attempt already settled are left alone. */
async function writeOutcomes(em: EntityManager, importId: string, outcomes: RowOutcome[]): Promise<number> {
  if (outcomes.length === 0) return 0;
  const result = await em.execute<{ affectedRows: number }>(
    `update import_row r
        set status = v.status, reason = v.reason, field = v.field, case_id = v.case_id
       from jsonb_to_recordset(?::jsonb) as v(row_no int, status text, reason text, field text, case_id text)
      where r.import_id = ? and r.row_no = v.row_no and r.status = 'pending'`,
    [JSON.stringify(outcomes), importId],
    'run',
  );
  return result.affectedRows;
}

/**
 * A row that repeats an earlier row of the same file (house code or a member's national ID for
 * targets, the household for survey results) is rejected, naming the first row. Set-based, over
 * every row of the file whatever its status, so running it again changes nothing.
 */
async function rejectDuplicatesInFile(em: EntityManager, importId: string, kind: ImportKind): Promise<void> {
  const keys =
    kind === 'targets'
      ? `select row_no, 'house_code' as field, 'house code' as what, trim(data->>'house_code') as key
           from import_row where import_id = :id and trim(coalesce(data->>'house_code', '')) <> ''
         union all
         select row_no, 'member_national_ids', 'national ID', trim(nid)
           from import_row, unnest(string_to_array(data->>'member_national_ids', '|')) as nid
          where import_id = :id and trim(nid) <> ''`
      : `select row_no, case when trim(coalesce(data->>'house_code', '')) <> '' then 'house_code' else 'household_id' end as field,
                'household' as what, coalesce(nullif(trim(data->>'house_code'), ''), trim(data->>'household_id')) as key
           from import_row where import_id = :id and coalesce(nullif(trim(data->>'house_code'), ''), trim(data->>'household_id'), '') <> ''`;
  const sql = `with keys as (${keys}),
          firsts as (select row_no, field, what, min(row_no) over (partition by what, key) as first_row from keys),
          dups as (select distinct on (row_no) row_no, field, what, first_row from firsts where first_row < row_no order by row_no, field)
     update import_row r
        set status = 'rejected', field = d.field, reason = 'duplicate in file: same ' || d.what || ' as row ' || d.first_row
       from dups d
      where r.import_id = :id and r.row_no = d.row_no and r.status = 'pending'`;
  const uses = sql.match(/:id/g)?.length ?? 0;
  await em.getConnection().execute(sql.replace(/:id/g, '?'), Array.from({ length: uses }, () => importId), 'run');
}

/** A batch settled: its rows' outcomes, and the openings of the cases it started (targets). */
interface Settled {
  outcomes: RowOutcome[];
  openings: CaseState[];
}

type Limiter = <R>(fn: () => Promise<R>) => Promise<R>;

/** At most `limit` calls of fn in flight among all who share the limiter; a freed slot passes straight to the next waiting call. */
function limiter(limit: number): Limiter {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (fn) => {
    if (active < limit) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/** Runs fn over items, as many at once as the shared slots allow; results keep the items' order. */
async function mapLimited<T, R>(items: T[], slot: Limiter, fn: (item: T) => Promise<R>): Promise<R[]> {
  let failed = false;
  return Promise.all(
    items.map((item) =>
      slot(async () => {
        // After one failure the others take no new item: the attempt is lost and will be retried.
        if (failed) throw new Error('an earlier item of the batch failed');
        try {
          return await fn(item);
        } catch (error) {
          failed = true;
          throw error;
        }
      }),
    ),
  );
}
