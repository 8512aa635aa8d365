import { REJECTION_CODES } from '../workflows/rejections';

/**
 * Every `code` an error body of the API can carry: the workflows' refusals (REJECTION_CODES) and
 * the API's own. The UI looks a sentence up for each (web/src/error-messages-*.ts, checked with
 * `satisfies Record<ErrorCode, string>`), so a code added here without its Thai and English
 * sentences fails the typecheck, and a code thrown without being listed here fails it too (the
 * API's ApiError takes an ErrorCode; test/project/error-codes.test.ts scans the rest).
 *
 * Codes are part of the public contract: add new ones, never rename or reuse one.
 */
export const API_ERROR_CODES = [
  // Framework and request shape.
  /** A body, query or parameter that does not match the route's schema. */
  'VALIDATION',
  'UNSUPPORTED_MEDIA_TYPE',
  'BODY_NOT_JSON',
  'BODY_TOO_LARGE',
  'BAD_CONTENT_LENGTH',
  'BAD_URL',
  /** Any other refusal of the request by the HTTP framework. */
  'BAD_REQUEST',
  'RATE_LIMITED',
  'NOT_FOUND',
  'INTERNAL',
  'DEPENDENCY_DOWN',
  // Signing in and access.
  'UNAUTHENTICATED',
  'BAD_CREDENTIALS',
  'LOCKED',
  'CSRF',
  /** An account without the area its role needs for this (a district account without a district). */
  'FORBIDDEN_SCOPE',
  /** The record named lies outside the caller's area. */
  'OUTSIDE_AREA',
  // Retries.
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_IN_PROGRESS',
  // Households.
  'CASE_EXISTS',
  'INVALID_NATIONAL_ID',
  'PURPOSE_REQUIRED',
  // Meetings, tasks and oversight.
  'NOT_ON_AGENDA',
  'DUPLICATE_DECISION',
  'EMPTY_DECISION',
  'SAME_AGENCY',
  'CASE_CATCHING_UP',
  'ALREADY_RESOLVED',
  'RETRY_UNAVAILABLE',
  // Accounts.
  'USERNAME_TAKEN',
  'WEAK_PASSWORD',
  // Uploads (docs/API.md, "Uploads").
  'IMPORT_STAGING',
  'MULTIPART_MALFORMED',
  'MULTIPART_TOO_MANY_PARTS',
  'FILE_MISSING',
  'FILE_EMPTY',
  'FILE_TOO_LARGE',
  'FILE_TOO_MANY_ROWS',
  'FILE_NOT_CSV',
  'FILE_ENCODING',
  'CSV_MALFORMED',
  'CSV_NO_HEADER',
  'MISSING_COLUMN',
  'BAD_HEADER',
  /** An .xlsx that cannot be read: damaged, cut off, password-protected or not a workbook. */
  'XLSX_UNREADABLE',
  // The program year: policies, bulk jobs, re-targeting.
  /** A province official naming another province, or an area outside their own. */
  'OUTSIDE_SCOPE',
  /** A policy whose reminder comes on or after its shortest due period. */
  'REMINDER_AFTER_DUE',
  /** Follow-up months not in increasing order. */
  'NOT_IN_ORDER',
  /** A policy version that would take effect before today (Bangkok). */
  'DATE_IN_PAST',
  /** The area already has a policy version from that day. */
  'POLICY_EXISTS',
  /** A reconciliation asked of an import that is not a completed target list. */
  'IMPORT_NOT_RECONCILABLE',
  // Offline sync and the conflict queue.
  /** A conflict someone already decided. */
  'CONFLICT_RESOLVED',
  /** An edited choice without the value to apply. */
  'VALUE_REQUIRED',
  // Notifications.
  /** A daily e-mail digest chosen without an address to send it to. */
  'EMAIL_REQUIRED',
] as const;

export const ERROR_CODES = [...REJECTION_CODES, ...API_ERROR_CODES] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES);
export const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && KNOWN.has(value);
