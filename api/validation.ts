import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

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
