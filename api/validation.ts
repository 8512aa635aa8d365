import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import type { Static, TSchema } from '@sinclair/typebox';
import type { TypeCheck } from '@sinclair/typebox/compiler';
import { ApiError } from './errors';

/**
 * Two validators: query strings and params arrive as text, so "limit=5" must become 5; a JSON
 * body already has types, and a number sent where text belongs is the caller's mistake, not
 * something to coerce silently (42 is no reason).
 */
// verbose: each error carries the schema it failed (`parentSchema`), where a field may name the
// stable code its implausible values are refused with (REFUSAL_CODE_KEYWORD, api/errors.ts).
const common: Options = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false, verbose: true };
const textParts = addFormats(new Ajv({ ...common, coerceTypes: 'array' }));
const jsonBody = addFormats(new Ajv({ ...common, coerceTypes: false }));

export const validatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? jsonBody : textParts).compile(schema as object);

/**
 * An action's body with the static type of its schema, or a 400 naming the first field that does
 * not fit. `check` is compiled once (TypeCompiler) from the schema ajv validated the request with,
 * so a body that came through ajv passes without a cast; for one that did not (an offline action's
 * `fields`, a conflict's decided value) it is the check. Case and task actions both run it.
 */
export function checkedBody<T extends TSchema>(check: TypeCheck<T>, body: unknown, field: string): Static<T> {
  if (check.Check(body)) return body;
  const first = check.Errors(body).First();
  throw new ApiError(400, first ? `${first.path || 'the body'}: ${first.message}` : 'the body does not match its schema', `${field}${first?.path.replace(/\//g, '.') ?? ''}`, 'VALIDATION');
}

/** A JSON object (not an array), as an action's audit copies its body. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
