import { Type, type TSchema } from '@sinclair/typebox';

export { GregorianDate } from '../../domain/contract/common';

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
