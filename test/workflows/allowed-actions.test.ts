import { allowedActions } from '../../workflows/household-case/rules';

/** What the UI offers comes from the workflow's own rules: role, stage and pause together. */
describe('allowedActions', () => {
  it('offers each role only its own actions at the stage', () => {
    expect(allowedActions({ stage: 'verification', status: 'active' }, 'operationsTeam')).toEqual(['verifyTarget', 'pauseCase']);
    expect(allowedActions({ stage: 'analysis', status: 'active' }, 'mentor')).toEqual(['recordAnalysis', 'recordPlan', 'giveRelief', 'pauseCase']);
    expect(allowedActions({ stage: 'districtAssignment', status: 'active' }, 'district')).toEqual(
      expect.arrayContaining(['assignProblems', 'escalateCase', 'transferCase', 'closeCase']),
    );
    expect(allowedActions({ stage: 'districtAssignment', status: 'active' }, 'mentor')).not.toContain('assignProblems');
    expect(allowedActions({ stage: 'assistance', status: 'active' }, 'agency')).toEqual(['giveRelief']);
    expect(allowedActions({ stage: 'closed', status: 'closed' }, 'district')).toEqual(['reopenCase']);
  });

  it('offers resume only while paused, and nothing that a pause forbids', () => {
    expect(allowedActions({ stage: 'followUp', status: 'active' }, 'mentor')).not.toContain('resumeCase');
    expect(allowedActions({ stage: 'followUp', status: 'paused' }, 'mentor')).toEqual(['resumeCase']);
    expect(allowedActions({ stage: 'followUp', status: 'paused' }, 'district')).toEqual(['resumeCase', 'transferCase', 'closeCase']);
  });
});
