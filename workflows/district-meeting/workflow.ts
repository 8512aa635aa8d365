import { condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { shortActivity } from '../activity-options';
import { reject } from '../household-case/rules';
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
      validator: ({ actor, decisions }: M.RecordDecisionsInput) => {
        if (!['district', 'supervisor', 'admin'].includes(actor.role)) reject('role', `a ${actor.role} may not record district meeting decisions`);
        if (meeting.status !== 'open') reject('stage', `the meeting is ${meeting.status}`);
        if (decisions.length === 0) reject('input', 'decisions: record at least one decision');
        decisions.forEach((d, i) => {
          if (!d.assignments?.length && !d.escalate) reject('input', `decisions[${i}]: assign problems or escalate`);
        });
      },
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
