import { CORRECTION_RULES, correctionRefusal, reasonRequired, type CorrectionAction } from '../../workflows/correction-rules';
import { ROLES, type Actor, type Role } from '../../workflows/roles';

/**
 * Who may correct what, across every role, both sides of the window and with or without a reason:
 * the table the case's and the task's validators share.
 */
const RECORDED = '2026-11-01T03:00:00.000Z';
const WITHIN = '2026-11-08T02:59:59.000Z'; // 7 days minus a second
const AFTER = '2026-11-08T03:00:01.000Z';
const actor = (role: Role, userId = 'author'): Actor => ({ userId, role, ...(role === 'agency' ? { agencyCode: 'CDD' } : {}) });

function verdict(action: CorrectionAction, who: Actor, now: string, reason?: string, stageAllows?: boolean): string {
  const refused = correctionRefusal({ action, actor: who, subject: { by: 'author', at: RECORDED }, reason, now, windowDays: 7, ...(stageAllows === undefined ? {} : { stageAllows }) });
  return refused ? refused.code : 'allowed';
}

describe('the correction rules', () => {
  it('the author corrects alone within the window, and not a second after it', () => {
    expect(verdict('amendRelief', actor('mentor'), WITHIN)).toBe('allowed');
    expect(verdict('amendRelief', actor('mentor'), AFTER, 'พิมพ์ผิด')).toBe('CORRECTION_WINDOW_OVER');
    expect(verdict('amendRelief', actor('mentor', 'someone-else'), WITHIN, 'พิมพ์ผิด')).toBe('NOT_AUTHOR');
  });

  it('a void always says why, even from the author within the window', () => {
    expect(verdict('voidRelief', actor('mentor'), WITHIN)).toBe('REASON_REQUIRED');
    expect(verdict('voidRelief', actor('mentor'), WITHIN, '  ')).toBe('REASON_REQUIRED');
    expect(verdict('voidRelief', actor('mentor'), WITHIN, 'บันทึกซ้ำ')).toBe('allowed');
  });

  it('the district and above correct at any time, always with a reason', () => {
    for (const role of ['district', 'province', 'supervisor', 'admin'] as const) {
      for (const action of Object.keys(CORRECTION_RULES) as CorrectionAction[]) {
        expect([role, action, verdict(action, actor(role, 'overseer'), AFTER)]).toEqual([role, action, 'REASON_REQUIRED']);
        expect([role, action, verdict(action, actor(role, 'overseer'), AFTER, 'ตามเอกสาร')]).toEqual([role, action, 'allowed']);
      }
    }
  });

  it('agencies correct activities (and relief they gave), never the analysis, the plan or members', () => {
    const agency = actor('agency');
    expect(verdict('amendActivity', agency, WITHIN)).toBe('allowed');
    expect(verdict('voidActivity', agency, WITHIN, 'ซ้ำ')).toBe('allowed');
    expect(verdict('amendRelief', agency, WITHIN)).toBe('allowed');
    for (const action of ['amendAnalysis', 'amendProblems', 'amendPlan', 'amendMember'] as const) expect(verdict(action, agency, WITHIN, 'x')).toBe('FORBIDDEN_ROLE');
    // The field team never corrects an agency's logbook.
    for (const role of ['mentor', 'operationsTeam'] as const) expect(verdict('amendActivity', actor(role), WITHIN, 'x')).toBe('FORBIDDEN_ROLE');
  });

  it('while the plan is a draft the field team amends freely; after it, even the author within the window gives a reason', () => {
    expect(verdict('amendPlan', actor('operationsTeam', 'not-the-author'), AFTER, undefined, true)).toBe('allowed');
    expect(verdict('amendPlan', actor('mentor'), WITHIN, undefined, false)).toBe('REASON_REQUIRED');
    expect(verdict('amendPlan', actor('mentor'), WITHIN, 'เป้าใหม่', false)).toBe('allowed');
  });

  it('every role is either an author role, an overseer, or refused, for every correction', () => {
    for (const action of Object.keys(CORRECTION_RULES) as CorrectionAction[]) {
      const rule = CORRECTION_RULES[action];
      for (const role of ROLES) {
        const outcome = verdict(action, actor(role), WITHIN, 'เหตุผล');
        expect([action, role, outcome]).toEqual([action, role, rule.authors.includes(role) || rule.overseers.includes(role) ? 'allowed' : 'FORBIDDEN_ROLE']);
      }
    }
  });

  it('reasonRequired (what the UI asks for) says exactly when the author within the window, or an overseer, is refused without a reason', () => {
    for (const action of Object.keys(CORRECTION_RULES) as CorrectionAction[]) {
      const rule = CORRECTION_RULES[action];
      for (const role of [...rule.authors, ...rule.overseers]) {
        for (const stageAllows of [undefined, true, false]) {
          const refusedWithout = verdict(action, actor(role), WITHIN, undefined, stageAllows) === 'REASON_REQUIRED';
          expect([action, role, stageAllows, reasonRequired(action, role, stageAllows)]).toEqual([action, role, stageAllows, refusedWithout]);
        }
      }
    }
  });
});
