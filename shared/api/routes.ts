import { z } from 'zod';
import { calendarSchema } from '../calendar';
import { catalogueSchema } from '../catalogue/schema';
import { decideRequestSchema, decisionFeedPageSchema, handoverReceiptSchema, handoverRequestSchema, signedDecisionSchema } from '../decisions/schema';
import { checksPageSchema, paymentCheckRequestSchema, paymentCheckResultSchema, registerLookupSchema } from '../register/schemas';
import {
  applicationReceiptSchema,
  errorBodySchema,
  feedPageSchema,
  feedQuerySchema,
  healthSchema,
  sessionRequestSchema,
  sessionSchema,
  submitApplicationSchema,
} from './schemas';

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  summary: string;
  auth: 'none' | 'centre-key' | 'session' | 'licensor';
  headers?: Record<string, string>;
  query?: z.ZodType;
  body?: z.ZodType;
  responses: Record<number, z.ZodType>;
}

/** The central API contract: the server registers these and /openapi.json is generated from them. */
export const apiRoutes = {
  health: {
    method: 'GET',
    path: '/healthz',
    summary: 'Liveness and clock; the workstation probes it to decide it is online.',
    auth: 'none',
    responses: { 200: healthSchema },
  },
  createSession: {
    method: 'POST',
    path: '/v1/sessions',
    summary: "Exchange a service centre's key (Bearer) for a short-lived session token.",
    auth: 'centre-key',
    body: sessionRequestSchema,
    responses: { 201: sessionSchema, 401: errorBodySchema },
  },
  submitApplication: {
    method: 'POST',
    path: '/v1/applications',
    summary:
      'Submit an accepted application. Idempotent on the Idempotency-Key header (the application UUID): same key and fingerprint returns the original receipt; a different fingerprint is 409.',
    auth: 'session',
    headers: { 'idempotency-key': 'The application UUID' },
    body: submitApplicationSchema,
    responses: { 201: applicationReceiptSchema, 200: applicationReceiptSchema, 409: errorBodySchema, 422: errorBodySchema },
  },
  getApplication: {
    method: 'GET',
    path: '/v1/applications/:id',
    summary: "One application of the caller's centre.",
    auth: 'session',
    responses: { 200: applicationReceiptSchema, 404: errorBodySchema },
  },
  feed: {
    method: 'GET',
    path: '/v1/feed',
    summary: "Status changes of the caller's centre's applications after an opaque cursor.",
    auth: 'session',
    query: feedQuerySchema,
    responses: { 200: feedPageSchema },
  },
  catalogue: {
    method: 'GET',
    path: '/v1/catalogue',
    summary: 'The service catalogue and working-day calendar the workstation runs on (strong ETag; 304 on If-None-Match).',
    auth: 'none',
    responses: { 200: z.object({ version: z.string(), services: catalogueSchema, calendar: calendarSchema }) },
  },
  uploadCreate: {
    method: 'POST',
    path: '/v1/uploads',
    summary:
      "tus 1.0 creation of a resumable attachment upload. Upload-Metadata names applicationId, attachmentId and sha256; HEAD/PATCH on the returned Location continue it from the acknowledged offset (a HEAD at offset = length also finishes an upload whose completion a crash cut short). Only for the caller's own application, submitted first and not yet registered, whose manifest names this attachment with this SHA-256 and size (404 for an unknown or another centre's application, 422 otherwise); a verified attachment is never replaced (409). Per-centre limits on unfinished uploads and their bytes (429); unfinished uploads expire (Upload-Expires). A finished blob whose SHA-256 differs is deleted and answered 460.",
    auth: 'session',
    headers: { 'tus-resumable': '1.0.0', 'upload-length': 'Size in bytes', 'upload-metadata': 'applicationId, attachmentId, sha256 (base64 values)' },
    responses: { 201: z.null(), 400: errorBodySchema, 401: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema, 422: errorBodySchema, 429: errorBodySchema },
  },
  uploadDownload: {
    method: 'GET',
    path: '/v1/uploads/:id',
    summary:
      "The bytes of one of the caller's complete uploads, as an attachment (Content-Disposition per RFC 6266 with an RFC 5987 UTF-8 file name; nosniff).",
    auth: 'session',
    responses: { 200: z.null(), 404: errorBodySchema },
  },
  uploadDelete: {
    method: 'DELETE',
    path: '/v1/uploads/:id',
    summary: "tus termination of one of the caller's unfinished uploads; a verified attachment's blob can never be deleted (403).",
    auth: 'session',
    responses: { 204: z.null(), 403: errorBodySchema, 404: errorBodySchema },
  },
  decisionsFeed: {
    method: 'GET',
    path: '/v1/decisions',
    summary: "Signed decisions on the caller's centre's applications after an opaque cursor.",
    auth: 'session',
    query: z.object({ cursor: z.string().optional(), limit: z.coerce.number().optional() }),
    responses: { 200: decisionFeedPageSchema },
  },
  handover: {
    method: 'POST',
    path: '/v1/decisions/:id/handover',
    summary: 'Records that the result was handed to the applicant, with the satisfaction survey (idempotent).',
    auth: 'session',
    body: handoverRequestSchema,
    responses: { 201: handoverReceiptSchema, 200: handoverReceiptSchema, 404: errorBodySchema },
  },
  decide: {
    method: 'POST',
    path: '/v1/licensor/applications/:id/decision',
    summary: 'The licensor decides a registered application; the result is numbered centrally and signed (detached CMS).',
    auth: 'licensor',
    body: decideRequestSchema,
    responses: { 201: signedDecisionSchema, 409: errorBodySchema, 422: errorBodySchema },
  },
  registerIndividual: {
    method: 'GET',
    path: '/v1/register/individuals/:iin',
    summary: 'The individual from the state register (ЖТ МДҚ) by ИИН; 404 when the data cannot be obtained.',
    auth: 'session',
    responses: { 200: registerLookupSchema, 404: errorBodySchema, 422: errorBodySchema, 503: errorBodySchema },
  },
  registerLegalEntity: {
    method: 'GET',
    path: '/v1/register/legal-entities/:bin',
    summary: 'The legal entity from the state register (ЗТ МДҚ) by БИН; 404 when the data cannot be obtained.',
    auth: 'session',
    responses: { 200: registerLookupSchema, 404: errorBodySchema, 422: errorBodySchema, 503: errorBodySchema },
  },
  checksFeed: {
    method: 'GET',
    path: '/v1/checks',
    summary: "Register and payment checks run on arrival for the caller's centre's applications, after an opaque cursor.",
    auth: 'session',
    query: z.object({ cursor: z.string().optional() }),
    responses: { 200: checksPageSchema },
  },
  paymentCheck: {
    method: 'POST',
    path: '/v1/payments/check',
    summary: 'Checks payment evidence against the payment gateway stand-in.',
    auth: 'session',
    body: paymentCheckRequestSchema,
    responses: { 200: paymentCheckResultSchema },
  },
} as const satisfies Record<string, RouteSpec>;
