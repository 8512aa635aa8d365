import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { TASK_CORRECTIONS_PATCH, TASK_LOCAL_PROJECTION_PATCH } from '../../workflows/assistance-task/workflow';
import { LOCAL_PROJECTION_PATCH, REOPEN_WINDOW_ENDED_PATCH } from '../../workflows/household-case/workflow';

/**
 * Replays histories (named by workflow ID) recorded from earlier workflow code (test/workflows/histories/record.ts)
 * against the current code. A non-deterministic change fails here, before it reaches cases that
 * have been running for years; such a change must go through patched(). Each subfolder holds
 * the histories of one release: `before-<patch>` was recorded just before that patch, `after-<patch>` with it.
 */
const HISTORIES = path.join(__dirname, 'histories');

interface HistoryJson {
  events: Array<{ eventType: string; workflowExecutionUpdateAcceptedEventAttributes?: { acceptedRequest?: { input?: { name?: string } } }; markerRecordedEventAttributes?: { markerName: string; details?: Record<string, { payloads: Array<{ data: string }> }> } }>;
}

const read = (file: string): HistoryJson => JSON.parse(fs.readFileSync(path.join(HISTORIES, file), 'utf8')) as HistoryJson;

/** The patch IDs a history's markers record. */
function patchesIn(history: HistoryJson): string[] {
  return history.events
    .filter((e) => e.eventType === 'EVENT_TYPE_MARKER_RECORDED' && e.markerRecordedEventAttributes?.markerName === 'core_patch')
    .map((e) => (JSON.parse(Buffer.from(e.markerRecordedEventAttributes!.details!['patch-data'].payloads[0].data, 'base64').toString()) as { id: string }).id);
}

describe('replaying recorded histories against the current workflow code', () => {
  const files = (fs.readdirSync(HISTORIES, { recursive: true }) as string[]).filter((file) => file.endsWith('.json')).sort();

  it('has recorded histories to replay, from before and after the last patch', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => f.startsWith(`before-reopen-window-patch${path.sep}`)).length).toBeGreaterThan(0);
    expect(files.filter((f) => f.startsWith(`after-reopen-window-patch${path.sep}`)).length).toBeGreaterThan(0);
    expect(files.filter((f) => f.startsWith(`after-local-projection-patch${path.sep}`)).length).toBeGreaterThan(0);
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE! } }, read(file), path.basename(file, '.json'));
  });

  it(`the ${REOPEN_WINDOW_ENDED_PATCH} patch: cases closed before it replay without the event, newer ones record it`, () => {
    const caseHistory = 'household-case-rec0000001.json';
    const before = read(path.join('before-reopen-window-patch', caseHistory));
    const after = read(path.join('after-reopen-window-patch', caseHistory));
    expect(patchesIn(before)).toEqual([]);
    expect(patchesIn(after)).toEqual([REOPEN_WINDOW_ENDED_PATCH]);
    // The new event is projected: the run with the patch schedules one more projection.
    const projections = (h: HistoryJson) => h.events.filter((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED').length;
    expect(projections(after)).toBe(projections(before) + 1);
  });

  it(`the ${LOCAL_PROJECTION_PATCH} patch: older cases replay their projection activities, newer ones project in the workflow task`, () => {
    const caseHistory = 'household-case-rec0000001.json';
    // Recorded from the same lifecycle: the release before the patch, and the one with it.
    const before = read(path.join('after-reopen-window-patch', caseHistory));
    const after = read(path.join('after-local-projection-patch', caseHistory));
    const count = (h: HistoryJson, type: string) => h.events.filter((e) => e.eventType === type).length;
    expect(patchesIn(after)).toContain(LOCAL_PROJECTION_PATCH);
    // Only the meeting schedule is still an activity; every projection is a marker in its own task.
    expect(count(after, 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')).toBe(1);
    expect(count(before, 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')).toBe(13);
    expect(after.events.length).toBeLessThan(before.events.length * 0.7);
  });

  it(`the ${TASK_LOCAL_PROJECTION_PATCH} patch: older tasks replay their projection activities, newer ones project in the workflow task`, () => {
    const folder = path.join(HISTORIES, 'after-task-local-projection-patch');
    const taskHistory = fs.readdirSync(folder).find((f) => f.endsWith('-task-3.json'))!;
    const before = read(path.join('after-task-corrections-patch', 'household-case-rec0000001-task-3.json'));
    const after = read(path.join('after-task-local-projection-patch', taskHistory));
    const count = (h: HistoryJson, type: string) => h.events.filter((e) => e.eventType === type).length;
    expect(patchesIn(before)).not.toContain(TASK_LOCAL_PROJECTION_PATCH);
    expect(patchesIn(after)).toContain(TASK_LOCAL_PROJECTION_PATCH);
    expect(count(before, 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')).toBe(7);
    expect(count(after, 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')).toBe(0);
  });

  it(`cases started with projectsLocally skip the ${LOCAL_PROJECTION_PATCH} patch's marker and change-version upsert, and still project in the workflow task`, () => {
    const caseFile = (folder: string) => path.join(folder, fs.readdirSync(path.join(HISTORIES, folder)).find((f) => f.endsWith('.json') && !f.includes('-task-'))!);
    const before = read(caseFile('after-compact-answer'));
    const after = read(caseFile('after-projects-locally'));
    const count = (h: HistoryJson, type: string) => h.events.filter((e) => e.eventType === type).length;
    expect(patchesIn(before)).toContain(LOCAL_PROJECTION_PATCH);
    expect(patchesIn(after)).not.toContain(LOCAL_PROJECTION_PATCH);
    // Only the meeting schedule is an activity in either; the projections are markers.
    expect(count(after, 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')).toBe(count(before, 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED'));
    expect(count(after, 'EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES')).toBe(count(before, 'EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES') - 1);
  });

  it('case updates answer the case and its version, not the whole state; histories with either answer replay (above)', () => {
    const caseHistory = 'household-case-rec0000001.json';
    // Recorded since case IDs are opaque (household-case-<uuid>): the one case file of the folder.
    const compactCase = path.join('after-compact-answer', fs.readdirSync(path.join(HISTORIES, 'after-compact-answer')).find((f) => f.endsWith('.json') && !f.includes('-task-'))!);
    const answers = (h: HistoryJson) => h.events.filter((e) => e.eventType === 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED').map((e) => JSON.stringify(e).length);
    const before = answers(read(path.join('after-task-corrections-patch', caseHistory)));
    const after = answers(read(compactCase));
    expect(after).toHaveLength(before.length);
    expect(Math.max(...after)).toBeLessThan(600);
    expect(Math.min(...before)).toBeGreaterThan(1500);
  });

  it(`the ${TASK_CORRECTIONS_PATCH} patch: tasks that ended before it replay without the correction window; newer ones take corrections after they end`, () => {
    const taskHistory = 'household-case-rec0000001-task-3.json';
    const before = read(path.join('after-local-projection-patch', taskHistory));
    const after = read(path.join('after-task-corrections-patch', taskHistory));
    expect(patchesIn(before)).toEqual([]);
    expect(patchesIn(after)).toEqual([TASK_CORRECTIONS_PATCH]);
    const updates = (h: HistoryJson) => h.events.flatMap((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ?? []);
    expect(updates(after)).toEqual(['logActivity', 'logActivity', 'amendActivity', 'completeTask', 'voidActivity']);
    // The case's history replays its corrections and the task's correction signals.
    const caseUpdates = updates(read(path.join('after-task-corrections-patch', 'household-case-rec0000001.json')));
    expect(caseUpdates).toEqual(expect.arrayContaining(['amendRelief', 'amendMember', 'amendAnalysis', 'amendPlan', 'amendProblems', 'voidRelief']));
  });
});
