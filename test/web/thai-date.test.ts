import { isoFromTyped, typedDate } from '../../web/src/thai-date';

/** The Thai date field's text: Buddhist-era years on screen, Gregorian YYYY-MM-DD to the API. */
describe('typed dates', () => {
  it('shows a Gregorian date in the Buddhist era in Thai, and as it is in English', () => {
    expect(typedDate('2027-03-31', 'th')).toBe('31/03/2570');
    expect(typedDate('2027-03-31', 'en')).toBe('31/03/2027');
    expect(typedDate('', 'th')).toBe('');
  });

  it('reads day/month/year back to Gregorian, converting the era before the calendar check', () => {
    expect(isoFromTyped('31/03/2570', 'th')).toBe('2027-03-31');
    expect(isoFromTyped('1/4/2570', 'th')).toBe('2027-04-01');
    expect(isoFromTyped('29/02/2567', 'th')).toBe('2024-02-29');
    expect(isoFromTyped('31/03/2027', 'en')).toBe('2027-03-31');
  });

  it('refuses days that do not exist and text that is not a date', () => {
    expect(isoFromTyped('29/02/2570', 'th')).toBeNull();
    expect(isoFromTyped('31/04/2570', 'th')).toBeNull();
    expect(isoFromTyped('31/03/2027', 'th')).toBeNull();
    expect(isoFromTyped('03/31/2570', 'th')).toBeNull();
    expect(isoFromTyped('2027-03-31', 'th')).toBeNull();
    expect(isoFromTyped('พรุ่งนี้', 'th')).toBeNull();
  });
});
