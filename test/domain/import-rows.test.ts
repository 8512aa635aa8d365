import { canonicalColumn, COLUMNS, templateHeader } from '../../domain/imports/columns';
import { rowReasonTh } from '../../domain/imports/row-reasons';
import { surveyRowToSignal } from '../../domain/imports/survey-rows';
import { targetRowToHousehold } from '../../domain/imports/target-rows';

/** The import rows' pure rules: both header languages, and a Thai sentence for every refusal. */
describe('import columns', () => {
  it.each(['targets', 'survey'] as const)('%s: each header, Thai or English, names its column, whatever its case and spaces', (kind) => {
    for (const column of COLUMNS[kind]) {
      expect(canonicalColumn(kind, column.name)).toBe(column.name);
      expect(canonicalColumn(kind, ` ${column.name.toUpperCase()} `)).toBe(column.name);
      expect(canonicalColumn(kind, column.th)).toBe(column.name);
      expect(canonicalColumn(kind, `\uFEFF${column.th.split('').join('\u200b')}`)).toBe(column.name);
    }
    expect(canonicalColumn(kind, 'หมายเหตุ')).toBeNull();
    expect(new Set(templateHeader(kind, 'th')).size).toBe(COLUMNS[kind].length);
  });
});

describe('Thai reasons for refused rows', () => {
  const target = { house_code: '64010100001', province_code: '64', district_code: '6401', subdistrict_code: '640101', head_name: 'ก', member_names: '', failed_indicators: 'I3' };
  const targetReason = (change: Record<string, string>): string => {
    const result = targetRowToHousehold({ ...target, ...change }, 'import', 2);
    if (!result.problem) throw new Error('expected a problem');
    return result.problem.reason;
  };
  const surveyReason = (data: Record<string, string>): string => {
    const result = surveyRowToSignal(data);
    if (!result.problem) throw new Error('expected a problem');
    return result.problem.reason;
  };

  const reasons = [
    targetReason({ member_national_ids: '1101700230708|1101700230708|1101700230708' }),
    targetReason({ failed_indicators: 'X9' }),
    targetReason({ source: 'other' }),
    targetReason({ failed_indicators: '' }),
    targetReason({ house_code: '123' }),
    targetReason({ district_code: '6501', subdistrict_code: '650101' }),
    targetReason({ subdistrict_code: '640201' }),
    targetReason({ house_code: '65010100001' }),
    targetReason({ member_names: 'ก', member_national_ids: '1101700230709' }),
    targetReason({ member_names: 'ก|ข', member_national_ids: '1101700230708|1101700230708' }),
    targetReason({ source: 'missed' }),
    surveyReason({ house_code: '' }),
    surveyReason({ household_id: 'a b' }),
    surveyReason({ house_code: '64010100001', year: '25x0', passed: '1' }),
    surveyReason({ house_code: '64010100001', year: '2026', passed: '1' }),
    surveyReason({ house_code: '64010100001', year: '2999', passed: '1' }),
    surveyReason({ house_code: '64010100001', year: '2570', passed: 'maybe' }),
    // Written by the database checks and the import activities.
    'outside your area: you import for district 6401 only',
    'no subdistrict 640199',
    'subdistrict 640101 belongs to district 6401',
    'this house code is already in the program',
    'a member is already in the program in another household',
    'this household is already in the program',
    'duplicate in file: same national ID as row 7',
    'unknown household: 64010100001 is not in the program in your area',
    'the case household-case-64010100001 has ended and takes no survey result',
  ];

  it.each(reasons)('%s', (reason) => {
    const th = rowReasonTh(reason);
    expect(th).toMatch(/[\u0E00-\u0E7F]/);
    // No UUID or internal key reaches the official.
    expect(th).not.toMatch(/household-case-/);
  });

  it('answers null for a reason it does not know, so the English one is shown', () => {
    expect(rowReasonTh('something new')).toBeNull();
  });
});
