import { condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { shortActivity } from '../activity-options';
import { reject, requireList, requireText } from '../rejections';
import * as M from './messages';

const { loadMeetingAgenda, recordMeeting, deliverMeetingDecisions } = proxyActivities<Activities>({
  ...shortActivity,
  // Delivering a district's decisions runs one update per case: give it room.
  startToCloseTimeout: '10 minutes',
});

/** The meeting stays open for decisions until the next one is due. */
const OPEN_FOR = '30 days';

/**
 * Started by the district's Schedule at the policy's cadence. The agenda is every case of the
 * district waiting for assignment; the decisions reach all of them in one batch, each as the
 * case's own assignProblems or escalateCase update (idempotent by meeting and case).
 */
export async function districtMeetingWorkflow(input: M.DistrictMeetingInput): Promise<M.MeetingState> {
  const meeting: M.MeetingState = {
    meetingId: workflowInfo().workflowId,
    districtCode: input.districtCode,
    provinceCode: input.provinceCode,
    openedAt: new Date().toISOString(),
    status: 'open',
    agenda: [],
    results: [],
  };
  let opened = false;
  setHandler(M.meetingStateQuery, () => meeting);
  setHandler(M.meetingOpenedUpdate, async () => {
    await condition(() => opened);
    return meeting;
  });
  setHandler(
    M.recordDecisionsUpdate,
    async ({ actor, decisions }: M.RecordDecisionsInput) => {
      meeting.results = await deliverMeetingDecisions(meeting.meetingId, decisions, actor);
      meeting.status = 'decided';
      return meeting;
    },
    {
      validator: (input: M.RecordDecisionsInput) => validateDecisions(meeting, input),
    },
  );

  meeting.agenda = await loadMeetingAgenda(input.districtCode);
  await recordMeeting(meeting);
  opened = true;
  const decided = await condition(() => meeting.status === 'decided', OPEN_FOR);
  if (!decided) meeting.status = 'lapsed';
  await recordMeeting(meeting);
  return meeting;
}

const MAX_DECISIONS = 500;

/**
 * What the meeting can deliver: each decision names one case once, and either assigns its
 * problems or escalates it (the case's own validator then checks the assignment itself).
 */
export function validateDecisions(meeting: M.MeetingState, { actor, decisions }: M.RecordDecisionsInput): void {
  if (!['district', 'supervisor', 'admin'].includes(actor.role)) reject('role', 'FORBIDDEN_ROLE', `a ${actor.role} may not record district meeting decisions`);
  if (meeting.status !== 'open') reject('stage', 'MEETING_CLOSED', `the meeting is ${meeting.status}`);
  requireList(decisions, 'decisions', MAX_DECISIONS);
  if (decisions.length === 0) reject('input', 'REQUIRED', 'decisions: record at least one decision', 'decisions');
  const seen = new Set<string>();
  decisions.forEach((d, i) => {
    const field = `decisions[${i}]`;
    if (!d || typeof d !== 'object') reject('input', 'REQUIRED', `${field} is required`, field);
    requireText(d.caseId, `${field}.caseId`);
    if (seen.has(d.caseId)) reject('input', 'DUPLICATE_ENTRY', `${field}.caseId: case ${d.caseId} is decided twice`, `${field}.caseId`);
    seen.add(d.caseId);
    const assigns = Array.isArray(d.assignments) && d.assignments.length > 0;
    if (!assigns && !d.escalate) reject('input', 'REQUIRED', `${field}: assign problems or escalate`, field);
    if (assigns && d.escalate) reject('input', 'CONFLICTING_DECISION', `${field}: assign problems or escalate, not both`, `${field}.escalate`);
    if (d.escalate) requireText(d.escalate.reason, `${field}.escalate.reason`);
  });
}
