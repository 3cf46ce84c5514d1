import { z } from 'zod';
import { calendarSchema } from '../calendar';
import type { I18nKey } from '../i18n/keys';
import { catalogueSchema } from '../catalogue/schema';
import {
  decideRequestSchema,
  decisionFeedPageSchema,
  handoverReceiptSchema,
  handoverRequestSchema,
  pendingApplicationSchema,
  signedDecisionSchema,
} from '../decisions/schema';
import {
  checksPageSchema,
  checksQuerySchema,
  paymentCheckRequestSchema,
  paymentCheckResultSchema,
  registerLookupSchema,
} from '../register/schemas';
import {
  applicationReceiptSchema,
  errorBodySchema,
  feedPageSchema,
  feedQuerySchema,
  healthSchema,
  readinessSchema,
  sessionRequestSchema,
  sessionSchema,
  submitApplicationSchema,
  verificationSchema,
} from './schemas';

/**
 * Who may call a route:
 * - `public`: anyone (liveness, the catalogue, the printed-paper verification link);
 * - `centre-key`: a service centre's provisioned key as `Authorization: Bearer`, exchanged for a session;
 * - `session`: the session token of POST /v1/sessions (every centre data route, scoped to that centre);
 * - `licensor`: a licensor's provisioned key;
 * - `metrics-token`: the scrape token of QABYLDAU_METRICS_TOKEN.
 */
export const routeAuths = ['public', 'centre-key', 'session', 'licensor', 'metrics-token'] as const;
export type RouteAuth = (typeof routeAuths)[number];

/** A non-JSON answer (bytes, PEM, Prometheus text) or an empty one. */
export interface RawBody {
  contentType: string | null;
  description: string;
}
export const raw = (contentType: string | null, description: string): RawBody => ({
  contentType,
  description,
});
export const isRawBody = (value: unknown): value is RawBody =>
  typeof value === 'object' && value !== null && 'contentType' in value && 'description' in value;

/** The answer the server gives when one part of a request does not match its schema. */
export interface Refusal {
  status: number;
  code: I18nKey;
  /** Put the schema's complaint in the error's `reason` parameter (the workstation shows it). */
  withReason?: boolean;
}

export interface RouteSpec {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
  path: string;
  summary: string;
  auth: RouteAuth;
  /**
   * `tus`: the request goes to the tus server (@tus/server), which checks the session itself in its hooks and
   * reads the raw body; the server registers the route from this entry but validates nothing before tus does.
   */
  handledBy?: 'tus';
  params?: z.ZodObject;
  /** Request headers the route needs (documented; validated when the route declares `invalid.headers`). */
  headers?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** What the server answers when params/headers/query/body fail their schema (default 400 errors:api.badRequest). */
  invalid?: Partial<Record<'params' | 'headers' | 'query' | 'body', Refusal>>;
  /** Answers by status: a zod schema for JSON, `raw(...)` for anything else. Error answers are `errorBodySchema`. */
  responses: Record<number, z.ZodType | RawBody>;
  /** The error codes this route may answer with, besides the common ones: i18n keys, so each has kk and ru text. */
  errors: readonly I18nKey[];
}

/** Codes any route may answer with: a malformed or oversized request, no such route, a server fault. */
export const commonErrorCodes: readonly I18nKey[] = [
  'errors:api.badRequest',
  'errors:api.payloadTooLarge',
  'errors:api.notFound',
  'errors:api.serverError',
];

const uuidParam = z.object({ id: z.uuid() });
const uploadIdParam = z.object({ id: z.string() });
const decisionsQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const licensorListQuerySchema = z.object({ status: z.enum(['registered', 'decided']).default('registered') });
const sessionErrors = ['errors:api.unauthenticated', 'errors:api.sessionExpired'] as const;
const licensorErrors = ['print:api.licensorUnauthenticated'] as const;
const tusErrors = [
  ...sessionErrors,
  'errors:api.notFound',
  'errors:api.badUploadMetadata',
  'errors:api.applicationClosed',
  'errors:api.attachmentNotInManifest',
  'errors:api.attachmentImmutable',
  'errors:api.uploadQuotaExceeded',
  'errors:api.attachmentHashMismatch',
] as const;
const tusHeaders = z.object({ 'tus-resumable': z.literal('1.0.0') });

/**
 * The central API contract, the one table of every route the reference API serves: the server registers each
 * route from its entry (server/route.ts: auth, validation), /openapi.json is generated from it (server/openapi.ts)
 * and the workstation's one client builds requests and reads answers from it (renderer/src/api/client.ts).
 * server/routes/route-table.test.ts checks that what Fastify serves and this table are the same set.
 */
export const apiRoutes = {
  health: {
    method: 'GET',
    path: '/healthz',
    summary: 'Liveness and clock; the workstation probes it to decide it is online.',
    auth: 'public',
    responses: { 200: healthSchema },
    errors: [],
  },
  readiness: {
    method: 'GET',
    path: '/readyz',
    summary:
      'Readiness: the database answers, the upload directory takes a write and the node is not draining (503 otherwise).',
    auth: 'public',
    responses: { 200: readinessSchema, 503: readinessSchema },
    errors: [],
  },
  metrics: {
    method: 'GET',
    path: '/metrics',
    summary: 'Prometheus metrics; served only when a scrape token is configured (QABYLDAU_METRICS_TOKEN).',
    auth: 'metrics-token',
    responses: { 200: raw('text/plain; version=0.0.4', 'Prometheus text exposition'), 401: errorBodySchema },
    errors: ['errors:api.unauthenticated'],
  },
  openApi: {
    method: 'GET',
    path: '/openapi.json',
    summary: 'This document, generated from the route table.',
    auth: 'public',
    responses: { 200: z.record(z.string(), z.unknown()) },
    errors: [],
  },
  crl: {
    method: 'GET',
    path: '/pki/crl',
    summary: "Stand-in for the certification centre's CRL distribution point, so workstations can cache it.",
    auth: 'public',
    responses: { 200: raw('application/pkix-crl', 'DER CRL'), 404: errorBodySchema },
    errors: ['errors:api.notFound'],
  },
  createSession: {
    method: 'POST',
    path: '/v1/sessions',
    summary: "Exchange a service centre's key (Bearer) for a short-lived session token.",
    auth: 'centre-key',
    body: sessionRequestSchema,
    invalid: { body: { status: 401, code: 'errors:api.unauthenticated' } },
    responses: { 201: sessionSchema, 401: errorBodySchema },
    errors: ['errors:api.unauthenticated'],
  },
  submitApplication: {
    method: 'POST',
    path: '/v1/applications',
    summary:
      'Submit an accepted application. Idempotent on the Idempotency-Key header (the application UUID): same key and fingerprint returns the original receipt; a different fingerprint is 409.',
    auth: 'session',
    headers: z.object({
      'idempotency-key': z
        .string()
        .transform((key) => key.replace(/^"|"$/g, ''))
        .pipe(z.uuid()),
    }),
    body: submitApplicationSchema,
    invalid: {
      headers: { status: 400, code: 'errors:api.idempotencyKeyMissing' },
      body: { status: 422, code: 'errors:api.invalidApplication' },
    },
    responses: {
      201: applicationReceiptSchema,
      200: applicationReceiptSchema,
      400: errorBodySchema,
      401: errorBodySchema,
      403: errorBodySchema,
      409: errorBodySchema,
      422: errorBodySchema,
    },
    errors: [
      ...sessionErrors,
      'errors:api.idempotencyKeyMissing',
      'errors:api.invalidApplication',
      'errors:api.idempotencyKeyMismatch',
      'errors:api.wrongCentre',
      'errors:api.idempotencyConflict',
      'errors:api.signatureMissing',
      'errors:api.operatorMissing',
    ],
  },
  getApplication: {
    method: 'GET',
    path: '/v1/applications/:id',
    summary: "One application of the caller's centre.",
    auth: 'session',
    params: uuidParam,
    invalid: { params: { status: 404, code: 'errors:api.notFound' } },
    responses: { 200: applicationReceiptSchema, 401: errorBodySchema, 404: errorBodySchema },
    errors: [...sessionErrors, 'errors:api.notFound'],
  },
  feed: {
    method: 'GET',
    path: '/v1/feed',
    summary: "Status changes of the caller's centre's applications after an opaque cursor.",
    auth: 'session',
    query: feedQuerySchema,
    invalid: { query: { status: 400, code: 'errors:api.badCursor' } },
    responses: { 200: feedPageSchema, 400: errorBodySchema, 401: errorBodySchema },
    errors: [...sessionErrors, 'errors:api.badCursor'],
  },
  catalogue: {
    method: 'GET',
    path: '/v1/catalogue',
    summary:
      'The service catalogue and working-day calendar the workstation runs on (strong ETag; 304 on If-None-Match).',
    auth: 'public',
    responses: {
      200: z.object({ version: z.string(), services: catalogueSchema, calendar: calendarSchema }),
      304: raw(null, 'Not modified: the If-None-Match version is current'),
    },
    errors: [],
  },
  uploadCapabilities: {
    method: 'OPTIONS',
    path: '/v1/uploads',
    summary: 'tus 1.0 discovery: Tus-Version, Tus-Extension and Tus-Max-Size.',
    auth: 'public',
    handledBy: 'tus',
    responses: { 204: raw(null, 'tus capabilities in headers') },
    errors: [],
  },
  uploadCreate: {
    method: 'POST',
    path: '/v1/uploads',
    summary:
      "tus 1.0 creation of a resumable attachment upload. Upload-Metadata names applicationId, attachmentId and sha256; HEAD/PATCH on the returned Location continue it from the acknowledged offset (a HEAD at offset = length also finishes an upload whose completion a crash cut short). Only for the caller's own application, submitted first and not yet registered, whose manifest names this attachment with this SHA-256 and size (404 for an unknown or another centre's application, 422 otherwise); a verified attachment is never replaced (409). Per-centre limits on unfinished uploads and their bytes (429); unfinished uploads expire (Upload-Expires). A finished blob whose SHA-256 differs is deleted and answered 460.",
    auth: 'session',
    handledBy: 'tus',
    headers: tusHeaders.extend({ 'upload-length': z.string(), 'upload-metadata': z.string() }),
    responses: {
      201: raw(null, 'Created; Location names the upload'),
      400: errorBodySchema,
      401: errorBodySchema,
      404: errorBodySchema,
      409: errorBodySchema,
      413: errorBodySchema,
      422: errorBodySchema,
      429: errorBodySchema,
      460: errorBodySchema,
    },
    errors: tusErrors,
  },
  uploadOffset: {
    method: 'HEAD',
    path: '/v1/uploads/:id',
    summary:
      "tus 1.0 offset of one of the caller's uploads (Upload-Offset); finishes a complete upload a crash left unverified.",
    auth: 'session',
    handledBy: 'tus',
    params: uploadIdParam,
    headers: tusHeaders,
    responses: {
      200: raw(null, 'Upload-Offset and Upload-Length in headers'),
      401: raw(null, 'no session'),
      404: raw(null, 'no such upload'),
    },
    errors: tusErrors,
  },
  uploadAppend: {
    method: 'PATCH',
    path: '/v1/uploads/:id',
    summary:
      'tus 1.0 append at Upload-Offset (Content-Type application/offset+octet-stream); 409 once the application is registered.',
    auth: 'session',
    handledBy: 'tus',
    params: uploadIdParam,
    headers: tusHeaders.extend({ 'upload-offset': z.string() }),
    responses: {
      204: raw(null, 'New Upload-Offset in headers'),
      401: errorBodySchema,
      404: errorBodySchema,
      409: errorBodySchema,
      460: errorBodySchema,
    },
    errors: tusErrors,
  },
  uploadDownload: {
    method: 'GET',
    path: '/v1/uploads/:id',
    summary:
      "The bytes of one of the caller's complete uploads, as an attachment (Content-Disposition per RFC 6266 with an RFC 5987 UTF-8 file name; nosniff).",
    auth: 'session',
    handledBy: 'tus',
    params: uploadIdParam,
    responses: {
      200: raw('application/octet-stream', 'The attachment bytes (its declared type when it is a kept type)'),
      401: errorBodySchema,
      404: errorBodySchema,
    },
    errors: tusErrors,
  },
  uploadDelete: {
    method: 'DELETE',
    path: '/v1/uploads/:id',
    summary:
      "tus termination of one of the caller's unfinished uploads; a verified attachment's blob can never be deleted (403).",
    auth: 'session',
    handledBy: 'tus',
    params: uploadIdParam,
    responses: {
      204: raw(null, 'Terminated'),
      401: errorBodySchema,
      403: errorBodySchema,
      404: errorBodySchema,
    },
    errors: tusErrors,
  },
  decisionsFeed: {
    method: 'GET',
    path: '/v1/decisions',
    summary: "Signed decisions on the caller's centre's applications after an opaque cursor.",
    auth: 'session',
    query: decisionsQuerySchema,
    invalid: { query: { status: 400, code: 'errors:api.badCursor' } },
    responses: { 200: decisionFeedPageSchema, 400: errorBodySchema, 401: errorBodySchema },
    errors: [...sessionErrors, 'errors:api.badCursor'],
  },
  handover: {
    method: 'POST',
    path: '/v1/decisions/:id/handover',
    summary:
      'Records that the result was handed to the applicant, with the satisfaction survey (idempotent).',
    auth: 'session',
    params: uuidParam,
    body: handoverRequestSchema,
    invalid: {
      params: { status: 404, code: 'print:api.notFound' },
      body: { status: 422, code: 'print:api.invalidHandover' },
    },
    responses: {
      201: handoverReceiptSchema,
      200: handoverReceiptSchema,
      401: errorBodySchema,
      404: errorBodySchema,
      422: errorBodySchema,
    },
    errors: [...sessionErrors, 'print:api.notFound', 'print:api.invalidHandover'],
  },
  verifyDecision: {
    method: 'GET',
    path: '/v1/verify/:id',
    summary:
      'Public verification of a printed decision (the QR link): number, result, time and the SHA-256 of the signed document; no personal data.',
    auth: 'public',
    params: uuidParam,
    invalid: { params: { status: 404, code: 'print:api.notFound' } },
    responses: { 200: verificationSchema, 404: errorBodySchema },
    errors: ['print:api.notFound'],
  },
  licensorApplications: {
    method: 'GET',
    path: '/v1/licensor/applications',
    summary: 'Registered (or decided) applications waiting for the licensor, oldest first, at most 500.',
    auth: 'licensor',
    query: licensorListQuerySchema,
    responses: {
      200: z.object({ items: z.array(pendingApplicationSchema) }),
      400: errorBodySchema,
      401: errorBodySchema,
    },
    errors: [...licensorErrors],
  },
  decide: {
    method: 'POST',
    path: '/v1/licensor/applications/:id/decision',
    summary:
      'The licensor decides a registered application; the result is numbered centrally and signed (detached CMS).',
    auth: 'licensor',
    params: uuidParam,
    body: decideRequestSchema,
    invalid: {
      params: { status: 404, code: 'print:api.notFound' },
      body: { status: 422, code: 'print:decide.invalid', withReason: true },
    },
    responses: {
      201: signedDecisionSchema,
      401: errorBodySchema,
      404: errorBodySchema,
      409: errorBodySchema,
      422: errorBodySchema,
      503: errorBodySchema,
    },
    errors: [
      ...licensorErrors,
      'print:api.notFound',
      'print:api.notDecidable',
      'print:api.noLicensorKey',
      'print:decide.invalid',
    ],
  },
  licensorCertificate: {
    method: 'GET',
    path: '/v1/licensor/certificate',
    summary: "The licensor's decision-signing certificate (PEM), for verifying printed decisions.",
    auth: 'public',
    responses: { 200: raw('application/x-pem-file', 'PEM certificate'), 503: errorBodySchema },
    errors: ['print:api.noLicensorKey'],
  },
  registerIndividual: {
    method: 'GET',
    path: '/v1/register/individuals/:iin',
    summary: 'The individual from the state register (ЖТ МДҚ) by ИИН; 404 when the data cannot be obtained.',
    auth: 'session',
    params: z.object({ iin: z.string() }),
    responses: {
      200: registerLookupSchema,
      401: errorBodySchema,
      404: errorBodySchema,
      422: errorBodySchema,
      503: errorBodySchema,
    },
    errors: [...sessionErrors, 'register:check.noData'],
  },
  registerLegalEntity: {
    method: 'GET',
    path: '/v1/register/legal-entities/:bin',
    summary:
      'The legal entity from the state register (ЗТ МДҚ) by БИН; 404 when the data cannot be obtained.',
    auth: 'session',
    params: z.object({ bin: z.string() }),
    responses: {
      200: registerLookupSchema,
      401: errorBodySchema,
      404: errorBodySchema,
      422: errorBodySchema,
      503: errorBodySchema,
    },
    errors: [...sessionErrors, 'register:check.noData'],
  },
  checksFeed: {
    method: 'GET',
    path: '/v1/checks',
    summary:
      "Register and payment checks run on arrival for the caller's centre's applications, after an opaque cursor.",
    auth: 'session',
    query: checksQuerySchema,
    invalid: { query: { status: 400, code: 'errors:api.badCursor' } },
    responses: { 200: checksPageSchema, 400: errorBodySchema, 401: errorBodySchema },
    errors: [...sessionErrors, 'errors:api.badCursor'],
  },
  paymentCheck: {
    method: 'POST',
    path: '/v1/payments/check',
    summary: 'Checks payment evidence against the payment gateway stand-in.',
    auth: 'session',
    body: paymentCheckRequestSchema,
    invalid: { body: { status: 422, code: 'register:payment.invalid' } },
    responses: {
      200: paymentCheckResultSchema,
      401: errorBodySchema,
      404: errorBodySchema,
      422: errorBodySchema,
      503: errorBodySchema,
    },
    errors: [
      ...sessionErrors,
      'register:payment.invalid',
      'register:payment.unavailable',
      'errors:api.notFound',
    ],
  },
} as const satisfies Record<string, RouteSpec>;

export type ApiRoutes = typeof apiRoutes;
export type RouteName = keyof ApiRoutes;

/** `/v1/decisions/:id/handover` + `{ id }` → `/v1/decisions/<id>/handover` (each value percent-encoded). */
export function buildPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:(\w+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}
