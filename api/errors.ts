import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError, isGrpcServiceError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { REFUSAL_CODE_KEYWORD } from '../domain/contract/common';
import { isErrorCode, type ErrorCode } from '../domain/error-codes';
import { REJECTION, type Refusal, type RejectionCode, type RejectionDetail } from '../workflows/rejections';

/** An error the API raises on purpose, with the status and the field it concerns. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly field: string | undefined,
    /** One of ERROR_CODES (domain/error-codes.ts), which the UI translates: every error has one. */
    readonly code: ErrorCode,
    /** The existing case a 409 is about (a household already in the program). */
    readonly caseId?: string,
  ) {
    super(message);
  }
}

/** Not there, or outside the caller's area: the same answer, so no one learns what lies elsewhere. */
export const notFound = (): ApiError => new ApiError(404, 'Not found', undefined, 'NOT_FOUND');

export class DependencyDownError extends ApiError {
  constructor(dependency: 'postgres' | 'temporal') {
    super(503, `${dependency === 'postgres' ? 'The database' : 'The workflow engine'} is unavailable; try again shortly`, undefined, 'DEPENDENCY_DOWN');
  }
}

export const RETRY_AFTER_SECONDS = 5;

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  field?: string;
  code?: ErrorCode;
  caseId?: string;
}

// gRPC status codes a client should retry (gRPC's own guidance): 14 UNAVAILABLE, 4 DEADLINE_EXCEEDED,
// 1 CANCELLED, 8 RESOURCE_EXHAUSTED (a busy server) and 10 ABORTED (an update in flight when its
// worker died). Each is a 503 with Retry-After: the retry carries the same key, so it applies once.
const GRPC_UNAVAILABLE = new Set([14, 4, 1, 8, 10]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P03', '08006', '08001']);

/** One table from thrown errors to HTTP answers. */
export function toHttpError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof WorkflowNotFoundError) return notFound();
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) return fromRejection(error.cause);
  if (error instanceof WorkflowExecutionAlreadyStartedError) return new ApiError(409, 'A case for this household already exists', undefined, 'CASE_EXISTS');
  if (isTemporalDown(error)) return new DependencyDownError('temporal');
  if (isDatabaseDown(error)) return new DependencyDownError('postgres');
  return null;
}

const REJECTION_STATUS: Record<string, number> = { [REJECTION.stage]: 409, [REJECTION.role]: 403, [REJECTION.input]: 422 };
/** A rejection without a listed code (none is thrown so; a guard for old histories) still gets one by its kind. */
const REJECTION_FALLBACK: Record<string, RejectionCode> = { [REJECTION.stage]: 'WRONG_STAGE', [REJECTION.role]: 'FORBIDDEN_ROLE', [REJECTION.input]: 'INVALID_VALUE' };

/**
 * A workflow validator's rejection: its kind gives the status (wrong stage, wrong role, bad
 * values), its details the stable code and the input field, which is the request body's.
 */
export function fromRejection(failure: ApplicationFailure): ApiError {
  const status = REJECTION_STATUS[failure.type ?? ''] ?? 422;
  const detail = (failure.details?.[0] ?? {}) as Partial<RejectionDetail>;
  const code = isErrorCode(detail.code) ? detail.code : (REJECTION_FALLBACK[failure.type ?? ''] ?? 'INVALID_VALUE');
  const field = typeof detail.field === 'string' ? (detail.field ? `body.${detail.field}` : 'body') : undefined;
  return new ApiError(status, failure.message, field, code);
}

/** A refusal the API finds itself, with the same status, code and field the workflow would give. */
export function refusalError(refused: Refusal): ApiError {
  return new ApiError(REJECTION_STATUS[REJECTION[refused.kind]] ?? 422, refused.message, refused.field ? `body.${refused.field}` : 'body', refused.code);
}

/**
 * The client wraps some calls' gRPC errors: `workflow.start` throws a ServiceError ("Failed to
 * start Workflow") whose cause is the UNAVAILABLE. Found on a real Temporal server killed mid-run
 * (test/cluster): the wrapped error fell through to a 500.
 */
function isTemporalDown(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 3; depth++) {
    if (isGrpcServiceError(current) && GRPC_UNAVAILABLE.has(current.code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function isDatabaseDown(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const { code, message } = current as { code?: string; message?: string };
    if (code && NETWORK_CODES.has(code)) return true;
    // The pg client's words for a connection that died under a request (a transaction's
    // "already complete", a client "not queryable" after an error): all found by the outages
    // test, PostgreSQL stopped mid-request, each a 500 until listed here.
    if (message && /Knex: Timeout acquiring a connection|Connection terminated|Connection ended unexpectedly|connect ECONNREFUSED|Transaction query already complete|connection error and is not queryable/.test(message)) return true;
    current = (current as { cause?: unknown; previous?: unknown }).cause ?? (current as { previous?: unknown }).previous;
  }
  return false;
}

/**
 * Fastify's own refusals, before a schema sees the request, with the part they concern (a 4xx
 * always names its field: found by the fuzzer, these answered without one) and a stable code.
 */
const FRAMEWORK_ERRORS: Record<string, { field: string; code: ErrorCode }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { field: 'headers.content-type', code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_TYPE: { field: 'headers.content-type', code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_EMPTY_TYPE: { field: 'headers.content-type', code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { field: 'headers.content-length', code: 'BAD_CONTENT_LENGTH' },
  FST_ERR_CTP_BODY_TOO_LARGE: { field: 'body', code: 'BODY_TOO_LARGE' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { field: 'body', code: 'BODY_NOT_JSON' },
  FST_ERR_CTP_INVALID_JSON_BODY: { field: 'body', code: 'BODY_NOT_JSON' },
  FST_ERR_BAD_URL: { field: 'url', code: 'BAD_URL' },
  FST_ERR_MAX_PARAM_LENGTH: { field: 'url', code: 'BAD_URL' },
};

/** Ajv's instancePath ("/household/members/0/nationalId") as "body.household.members[0].nationalId". */
function validationField(error: FastifyError): string | undefined {
  const first = error.validation?.[0];
  if (!first) return undefined;
  const segments = first.instancePath.split('/').filter(Boolean);
  const missing = (first.params as { missingProperty?: string; additionalProperty?: string }) ?? {};
  const extra = missing.missingProperty ?? missing.additionalProperty;
  if (extra) segments.push(extra);
  const pathText = segments.map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join('');
  return `${error.validationContext ?? 'body'}${pathText}`;
}

/**
 * A word list (literals() in domain/contract/common.ts) is a union of constants: ajv names only the
 * first constant it compared with ("must be equal to constant"), so say what an enum would say.
 */
function detailMessage(detail: NonNullable<FastifyError['validation']>[number] | undefined): string {
  if (!detail) return 'is invalid';
  if (detail.keyword === 'const' && detail.schemaPath.includes('/anyOf/')) return 'must be equal to one of the allowed values';
  return detail.message ?? 'is invalid';
}

/**
 * A value of the right type that cannot be true (a negative amount, an empty member list, a birth
 * year in another century): the field's schema names the code (`x-refusal-code`, domain/contract),
 * and the answer is a 422 with it, as the workflows answer. A wrong type stays a 400.
 */
const SHAPE_KEYWORDS = new Set(['type', 'required', 'additionalProperties', 'maxItems', 'maxLength', 'pattern', 'format']);
function plausibilityCode(detail: NonNullable<FastifyError['validation']>[number]): ErrorCode | undefined {
  if (SHAPE_KEYWORDS.has(detail.keyword)) return undefined;
  const schema: unknown = (detail as { parentSchema?: unknown }).parentSchema;
  const code = schema && typeof schema === 'object' ? (schema as Record<string, unknown>)[REFUSAL_CODE_KEYWORD] : undefined;
  return isErrorCode(code) ? code : undefined;
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error.validation) {
    const field = validationField(error);
    const detail = error.validation[0];
    // Well formed but naming a day that does not exist (2026-02-31): a value that does not fit, as the workflows say it.
    if (detail?.keyword === 'format' && (detail.params as { format?: string }).format === 'date') {
      void reply.status(422).send(body(422, `${field ? excerpt(field) : 'the date'} is not a calendar day (YYYY-MM-DD, Gregorian)`, field, 'INVALID_DATE' satisfies RejectionCode));
      return;
    }
    const message = field ? `${excerpt(field)} ${detailMessage(detail)}` : error.message;
    const refusalCode = detail ? plausibilityCode(detail) : undefined;
    if (refusalCode) {
      void reply.status(422).send(body(422, message, field, refusalCode));
      return;
    }
    void reply.status(400).send(body(400, message, field, 'VALIDATION'));
    return;
  }
  const mapped = toHttpError(error);
  if (mapped) {
    if (mapped.statusCode >= 500) request.log.warn({ err: error }, 'dependency unavailable');
    if (mapped.statusCode === 503) void reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
    void reply.status(mapped.statusCode).send({ ...body(mapped.statusCode, mapped.message, mapped.field, mapped.code), ...(mapped.caseId ? { caseId: mapped.caseId } : {}) });
    return;
  }
  const statusCode = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (statusCode < 500) {
    const known = FRAMEWORK_ERRORS[error.code];
    // The rate limiter's 429 carries no code of its own; any other framework refusal gets the generic one, never a code the UI cannot name.
    void reply.status(statusCode).send(body(statusCode, error.message, known?.field, known?.code ?? (statusCode === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST')));
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  void reply.status(500).send(body(500, 'Internal error; it has been logged', undefined, 'INTERNAL'));
}

/** Field paths and codes are echoed up to this many characters; messages, which are sentences around them, up to MESSAGE_CHARS. */
export const EXCERPT_CHARS = 100;
const MESSAGE_CHARS = 300;

/**
 * At most `max` characters of a text taken from the request, ending in an ellipsis when cut (a
 * surrogate pair is never split). Error bodies quote input, and input can be 100 kB.
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\ud800-\udbff]/.test(text[end - 1] ?? '')) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * Every error body is built here, so none can echo input without bound: a field path built from
 * an unknown property name, a framework message quoting a URL or a header, a file name.
 */
export function body(statusCode: number, message: string, field?: string, code?: ErrorCode): ErrorBody {
  const error = statusCode >= 500 ? (statusCode === 503 ? 'Service Unavailable' : 'Internal Server Error') : httpReason(statusCode);
  return { statusCode, error, message: excerpt(message, MESSAGE_CHARS), ...(field ? { field: excerpt(field) } : {}), ...(code ? { code } : {}) };
}

function httpReason(statusCode: number): string {
  return STATUS_CODES[statusCode] ?? 'Error';
}
