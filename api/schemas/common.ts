import { Type, type TSchema } from '@sinclair/typebox';

/**
 * A Gregorian calendar day, the one definition every schema uses. The pattern refuses a
 * Buddhist-era year (25xx) rather than shifting it; ajv-formats' `date` refuses a day that does
 * not exist (2026-02-31), which the error handler answers as 422 INVALID_DATE. The workflows
 * check the same with isCalendarDate (workflows/rejections.ts).
 */
export const GregorianDate = Type.String({ format: 'date', pattern: '^(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD, Gregorian (C.E.), a day that exists' });

export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String({ description: 'The request field that failed, e.g. body.household.provinceCode' })),
    code: Type.Optional(Type.String()),
    caseId: Type.Optional(Type.String({ description: 'With 409 CASE_EXISTS: the case that already holds the household' })),
  },
  { $id: 'ErrorResponse' },
);

/** The error answers every route can give, for its OpenAPI entry. */
export function withErrors<T extends Record<number, TSchema>>(responses: T, ...codes: number[]) {
  const errors = Object.fromEntries([400, 503, ...codes].map((code) => [code, Type.Ref('ErrorResponse')]));
  return { ...errors, ...responses };
}
