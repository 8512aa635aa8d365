import fc from 'fast-check';
import { ApplicationFailure } from '@temporalio/common';
import { checkHouseholdShape } from '../../domain/intake';
import { openTaskState, validateLog } from '../../workflows/assistance-task/state';
import type { AssistanceTaskInput } from '../../workflows/assistance-task/types';
import { validateRelief } from '../../workflows/household-case/transitions';
import type { Household } from '../../workflows/household-case/types';
import { amountRefusal, bangkokDay, birthYearRefusal, pastDayRefusal } from '../../workflows/plausibility';
import { testCase } from '../helpers/case-model';

/**
 * The plausibility rules of issue 15, as properties: dates from the case's opening to today in
 * Bangkok, birth years within a lifespan, amounts in whole satang. The validators refuse exactly
 * what the API's functions refuse, with the same code and field.
 */
const day = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true });
const iso = (d: Date): string => d.toISOString().slice(0, 10);

function codeOf(run: () => void): { code?: string; field?: string } | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof ApplicationFailure)) throw error;
    return error.details?.[0] as { code?: string; field?: string };
  }
}

describe('plausibility (fast-check)', () => {
  it('Bangkok days: an instant belongs to the UTC day 7 hours later', () => {
    fc.assert(fc.property(day, (d) => expect(bangkokDay(d.toISOString())).toBe(new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10))));
    expect(bangkokDay('2026-12-03T16:59:59.999Z')).toBe('2026-12-03');
    expect(bangkokDay('2026-12-03T17:00:00.000Z')).toBe('2026-12-04');
  });

  it('a day is refused after today in Bangkok (DATE_IN_FUTURE) and before the case opened (DATE_BEFORE_CASE), and taken in between', () => {
    fc.assert(
      fc.property(day, day, day, (typed, now, opened) => {
        const refused = pastDayRefusal(iso(typed), 'date', now.toISOString(), opened.toISOString());
        const expected = iso(typed) > bangkokDay(now) ? 'DATE_IN_FUTURE' : iso(typed) < bangkokDay(opened) ? 'DATE_BEFORE_CASE' : null;
        expect(refused?.code ?? null).toBe(expected);
        if (refused) expect(refused.field).toBe('date');
      }),
      { numRuns: 500 },
    );
  });

  it('birth years: this year in Bangkok back 120 years, whole numbers only', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 1800, max: 2200 }), fc.double({ noNaN: false })), day, (year, now) => {
        const thisYear = Number(bangkokDay(now).slice(0, 4));
        const ok = Number.isInteger(year) && year >= thisYear - 120 && year <= thisYear;
        expect(birthYearRefusal(year, 'members[0].birthYear', now)?.code ?? null).toBe(ok ? null : 'BIRTH_YEAR_IMPLAUSIBLE');
      }),
      { numRuns: 500 },
    );
  });

  it('amounts: baht in whole satang from 0 to 10 million, items whole', () => {
    const satang = fc.integer({ min: -1000, max: 1_000_000_001 }).map((n) => n / 100);
    fc.assert(
      fc.property(fc.oneof(satang, fc.double()), (baht) => {
        const ok = Number.isFinite(baht) && baht >= 0 && baht <= 10_000_000 && Number.isInteger(Math.round(baht * 100)) && Math.round(baht * 100) / 100 === baht;
        expect(amountRefusal(baht, 'baht', 'baht')?.code ?? null).toBe(ok ? null : 'AMOUNT_INVALID');
        expect(amountRefusal(baht, 'items', 'items')?.code ?? null).toBe(Number.isInteger(baht) && baht >= 0 && baht <= 10_000_000 ? null : 'AMOUNT_INVALID');
      }),
    );
    // Sums of satang stay acceptable where they are whole satang (0.1 + 0.2 is not 0.3 in binary).
    expect(amountRefusal(0.29, 'baht', 'baht')).toBeNull();
    expect(amountRefusal(1234567.89, 'baht', 'baht')).toBeNull();
    expect(amountRefusal(0.005, 'baht', 'baht')?.code).toBe('AMOUNT_INVALID');
  });

  it('the validators refuse what the API refuses, with the same code and field', () => {
    const task: AssistanceTaskInput = {
      taskId: 'household-case-x-task-1', caseId: 'household-case-x', householdId: 'x', provinceCode: '64', districtCode: '6401', subdistrictCode: '640101',
      problem: { id: 'p1', dimension: 'income', indicator: 'I3', description: 'd' }, agencyCode: 'CDD', level: 'district',
      assignedAt: '2026-03-01T00:00:00.000Z', assignedBy: 'd', caseOpenedAt: '2026-02-01T00:00:00.000Z', dueAt: '2026-06-01T00:00:00.000Z', timers: { reminderDaysBefore: 7, reescalateAfterDays: 30 },
    };
    const agency = { userId: 'a', role: 'agency' as const, agencyCode: 'CDD' };
    const satang = fc.integer({ min: -100, max: 100_000 }).map((n) => n / 100);
    fc.assert(
      fc.property(day, day, fc.oneof(satang, fc.double({ min: -10, max: 1000, noNaN: true })), (typed, now, baht) => {
        const input = { date: iso(typed), kind: 'k', description: 'd', baht, items: 1, actor: agency };
        const api = pastDayRefusal(input.date, 'date', now.toISOString(), task.caseOpenedAt) ?? amountRefusal(baht, 'baht', 'baht');
        const fromValidator = codeOf(() => validateLog(openTaskState(task), input, now.toISOString()));
        expect(fromValidator).toEqual(api ? { code: api.code, field: api.field } : null);
        const relief = codeOf(() => validateRelief({ ...testCase('2026-01-05T00:00:00.000Z'), stage: 'analysis' }, { kind: 'k', description: 'd', baht, items: 1, actor: { userId: 'm', role: 'mentor' } }));
        const reliefApi = amountRefusal(baht, 'baht', 'baht');
        expect(relief).toEqual(reliefApi ? { code: reliefApi.code, field: reliefApi.field } : null);
      }),
      { numRuns: 300 },
    );
  });

  it('a household without members, a TPMAP target without a failed indicator, and a member not yet born are refused with their codes', () => {
    const household: Household = { householdId: 'h', provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', members: [{ name: 'ก' }], source: 'tpmap', failedIndicators: ['I3'] };
    const now = '2026-12-04T00:00:00.000Z';
    expect(checkHouseholdShape(household, 'body.household', now)).toBeNull();
    expect(checkHouseholdShape({ ...household, members: [] }, 'body.household', now)).toMatchObject({ code: 'NO_MEMBERS', field: 'body.household.members' });
    expect(checkHouseholdShape({ ...household, failedIndicators: [] }, 'body.household', now)).toMatchObject({ code: 'NO_FAILED_INDICATOR', field: 'body.household.failedIndicators' });
    expect(checkHouseholdShape({ ...household, source: 'missed', entryReason: 'พบในพื้นที่', failedIndicators: [] }, 'body.household', now)).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 1800, max: 2200 }), (birthYear) => {
        const problem = checkHouseholdShape({ ...household, members: [{ name: 'ก' }, { name: 'ข', birthYear }] }, 'body.household', now);
        expect(problem?.code ?? null).toBe(birthYear >= 1906 && birthYear <= 2026 ? null : 'BIRTH_YEAR_IMPLAUSIBLE');
        if (problem) expect(problem.field).toBe('body.household.members[1].birthYear');
      }),
    );
  });
});
