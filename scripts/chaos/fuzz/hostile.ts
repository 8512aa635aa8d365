import fc from 'fast-check';

/**
 * Values an official's typo, a broken import tool or an attacker would send. Each list is a
 * family the issue names: injection, oversize, wrong types, invalid national IDs, wrong-era dates.
 */
export const SQL_INJECTION = ["' OR '1'='1", "1; DROP TABLE household_case; --", "'; select pg_sleep(5); --", 'x\' UNION SELECT password_hash FROM app_user --', '$$; ROLLBACK; $$'];
export const HTML_INJECTION = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg/onload=alert(1)>', 'javascript:alert(1)', '{{constructor.constructor("alert(1)")()}}'];
export const INVALID_NATIONAL_IDS = ['1234567890123', '0000000000000', '1-1017-00230-70-8', '１１０１７００２３０７０８', '110170023070', '11017002307089', '1101700230709'];
/** Buddhist-era dates where Gregorian ones belong, impossible days, other formats. */
export const WRONG_ERA_DATES = ['2569-12-05', '2568-01-31', '2026-13-01', '2026-02-30', '05/12/2569', '5 ธ.ค. 2569', '2026-12-05T00:00:00+07:00', '0000-00-00'];
/** Christian-era years where Buddhist ones belong (fiscal years), and the reverse (birth years). */
export const WRONG_ERA_YEARS = [2026, 2569, 1969, 2512, -2569, 0, 99999];
const WEIRD_TEXT = ['', ' ', '\u0000', '\ud800', '\u202eevil', '🏠'.repeat(300), '../../../etc/passwd', '%00', '__proto__', 'constructor', '=cmd|" /C calc"!A0', 'null', 'undefined', 'NaN'];
const OVERSIZED = ['A'.repeat(5_000), 'ก'.repeat(20_000), 'x'.repeat(300_000)];

export const hostileText = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...SQL_INJECTION, ...HTML_INJECTION, ...INVALID_NATIONAL_IDS, ...WRONG_ERA_DATES, ...WEIRD_TEXT),
    fc.constantFrom(...OVERSIZED),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
  );

/** Any JSON value of the wrong kind: the right field name with a number, a list, an object… */
export const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: hostileText() },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, -1, 0, 1.5, 1e308, -1e308, 2 ** 53 + 1, [], {}, [null], { $ne: null }, { __proto__: { admin: true } }) },
    { weight: 1, arbitrary: fc.constantFrom(...WRONG_ERA_YEARS) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
