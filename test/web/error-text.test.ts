import { errorText, fieldWords } from '../../web/src/error-text';
import { errorCodesEn, errorWordsEn, fieldLabelsEn } from '../../web/src/errors-en';
import { errorCodesTh, errorWordsTh, fieldLabelsTh } from '../../web/src/errors-th';

/** The sentence a user reads for an API error: from its code, in Thai or English, never the server's text. */
describe('error sentences', () => {
  const th = { codes: errorCodesTh, fields: fieldLabelsTh, words: errorWordsTh };
  const en = { codes: errorCodesEn, fields: fieldLabelsEn, words: errorWordsEn };

  it('looks the sentence up from the code and names the field in words', () => {
    expect(errorText({ status: 422, code: 'INVALID_NATIONAL_ID', field: 'body.household.members[1].nationalId' }, th)).toEqual({
      text: errorCodesTh.INVALID_NATIONAL_ID,
      field: 'เลขประจำตัวประชาชน · สมาชิกคนที่ 2',
    });
    expect(errorText({ status: 422, code: 'TASK_NO_ACTIVITY', field: 'body.note' }, en)).toEqual({ text: errorCodesEn.TASK_NO_ACTIVITY, field: 'note' });
    expect(errorText({ status: 401, code: 'BAD_CREDENTIALS' }, th)).toEqual({ text: 'ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง' });
  });

  it('falls back by status for a code it does not know, and never to the server message', () => {
    expect(errorText({ status: 404, code: 'SOMETHING_NEW' }, th).text).toBe(errorCodesTh.NOT_FOUND);
    expect(errorText({ status: 503 }, th).text).toBe(errorCodesTh.INTERNAL);
    expect(errorText({ status: 409, code: 'SOMETHING_NEW' }, th).text).toBe(errorWordsTh.generic);
    expect(errorText({ status: 0 }, th).text).toBe(errorWordsTh.network);
  });

  it('leaves out what means nothing to a user, and numbers list entries', () => {
    expect(fieldWords('headers.idempotency-key', th)).toBeUndefined();
    expect(fieldWords('querystring.houseCode', th)).toBe('รหัสบ้าน');
    expect(fieldWords('body.problems[0].indicator', th)).toBe('ตัวชี้วัด · รายการที่ 1');
    expect(fieldWords('body.items[2].targetDate', en)).toBe('target date · entry 3');
  });
});
