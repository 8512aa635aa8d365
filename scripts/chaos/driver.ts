import type { App } from '../../api/app';
import type { TestHousehold } from './households';

type Headers = { authorization: string };
export type Sessions = Record<'operationsTeam' | 'mentor' | 'district', Headers>;

interface Step {
  action: string;
  role: keyof Sessions;
  body: (previous: CaseViewLike) => object;
  /** The timeline event the step writes, exactly once. */
  event: string;
  /** Events the step writes besides: an assignment moves the case on with a `stageChanged`. */
  alsoWrites: number;
}

interface CaseViewLike {
  problems?: Array<{ id: string }>;
}

/** The steps a case goes through; case i takes the first i % 5 of them. */
export const STEPS: Step[] = [
  { action: 'verify', role: 'operationsTeam', body: () => ({ outcome: 'confirmed' }), event: 'verified', alsoWrites: 0 },
  {
    action: 'analysis',
    role: 'mentor',
    body: () => ({ attitude: 'อยากพัฒนา', skills: 'ทำนา', resources: 'ที่ดิน', wayOut: 'ปลูกผัก', householdType: 'canDevelop', problems: [{ dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำ' }] }),
    event: 'analysisRecorded',
    alsoWrites: 0,
  },
  { action: 'plan', role: 'mentor', body: () => ({ goal: 'sufficient', items: [{ dimension: 'income', problemIndex: 0, action: 'ปลูกผัก', supportBy: 'CDD' }] }), event: 'planRecorded', alsoWrites: 0 },
  { action: 'assign', role: 'district', body: (view) => ({ assignments: [{ problemId: view.problems?.[0]?.id ?? 'p1', agencyCode: 'CDD' }] }), event: 'problemAssigned', alsoWrites: 1 },
];
export const EXPECTED_STAGE = ['verification', 'analysis', 'analysis', 'districtAssignment', 'assistance'];

/** The state's version after `steps` steps: `caseOpened`, then every event each step writes. */
export const expectedVersion = (steps: number): number => 1 + STEPS.slice(0, steps).reduce((sum, step) => sum + 1 + step.alsoWrites, 0);

export interface DrivenCase {
  caseId: string;
  household: TestHousehold;
  steps: number;
}

export interface DriveFigures {
  requests: number;
  retries: number;
  byStatus: Record<string, number>;
  /** 503 answers without Retry-After (must stay 0). */
  unavailableWithoutRetryAfter: number;
  /** Every error body the API answered, for the personal-data scan. */
  errorBodies: string[];
}

/**
 * Advances cases through the API as a client should: every request carries an Idempotency-Key
 * and is retried with the same key on 503, 5xx or a broken call, so nothing is done twice.
 */
export async function driveCases(app: App, sessions: Sessions, households: TestHousehold[], concurrency: number, runTag: string): Promise<{ cases: DrivenCase[]; figures: DriveFigures }> {
  const figures: DriveFigures = { requests: 0, retries: 0, byStatus: {}, unavailableWithoutRetryAfter: 0, errorBodies: [] };
  const cases: DrivenCase[] = [];
  const queue = households.map((household, index) => ({ household, index }));

  const send = async (url: string, headers: Headers, payload: object, key: string, retryIf: (status: number) => boolean): Promise<{ status: number; body: Record<string, unknown>; attempts: number }> => {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) {
        figures.retries++;
        await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** Math.min(attempt, 5))));
      }
      let response;
      try {
        response = await app.inject({ method: 'POST', url, headers: { ...headers, 'idempotency-key': key }, payload });
      } catch {
        continue;
      }
      figures.requests++;
      figures.byStatus[response.statusCode] = (figures.byStatus[response.statusCode] ?? 0) + 1;
      if (response.statusCode >= 400) figures.errorBodies.push(response.body);
      if (response.statusCode === 503 && !response.headers['retry-after']) figures.unavailableWithoutRetryAfter++;
      // The first request with this key is still running (or died where its record could not be
      // cleared, during an outage): the server says to retry shortly, with the same key.
      const inProgress = response.statusCode === 409 && response.json<{ code?: string }>().code === 'IDEMPOTENCY_IN_PROGRESS';
      if (response.statusCode >= 500 || inProgress || retryIf(response.statusCode)) continue;
      return { status: response.statusCode, body: response.json(), attempts: attempt + 1 };
    }
  };

  const drive = async (household: TestHousehold, index: number): Promise<void> => {
    const steps = index % EXPECTED_STAGE.length;
    const open = await send('/cases', sessions.operationsTeam, { household }, `${runTag}-open-${index}`, () => false);
    // A retried open whose first try went through answers 201 with the same case (its ID derives
    // from the key), or 409 CASE_EXISTS naming it when the probe's spare intake raced it: either way
    // the answer names the case. IDs are opaque: never derived from the house code.
    const retriedIntoItself = open.status === 409 && open.attempts > 1;
    if (open.status !== 201 && !retriedIntoItself) throw new Error(`opening case ${index} answered ${open.status}: ${JSON.stringify(open.body)}`);
    const { caseId } = open.body as { caseId: string };
    cases.push({ caseId, household, steps });
    let view: CaseViewLike = {};
    for (const step of STEPS.slice(0, steps)) {
      // 404 until the read model has the new case (scope is checked there): wait, same key.
      const answer = await send(`/cases/${caseId}/${step.action}`, sessions[step.role], step.body(view), `${runTag}-${step.action}-${index}`, (status) => status === 404);
      if (answer.status !== 200) throw new Error(`${step.action} on ${caseId} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      view = answer.body as CaseViewLike;
    }
  };

  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await drive(next.household, next.index);
    }),
  );
  return { cases, figures };
}
