import type { z } from 'zod';
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
  auth: 'none' | 'centre-key' | 'session';
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
} as const satisfies Record<string, RouteSpec>;
