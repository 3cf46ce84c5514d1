import { z } from 'zod';
import { apiRoutes, commonErrorCodes, isRawBody, type RawBody, type RouteSpec } from '@shared/api/routes';

const toJson = (schema: z.ZodType, io: 'input' | 'output' = 'input') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;

const propertiesOf = (schema: z.ZodType) => {
  const json = toJson(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    schema: property,
    required: json.required?.includes(name) ?? false,
  }));
};

function response(status: string, body: z.ZodType | RawBody, errors: readonly string[]) {
  if (isRawBody(body))
    return {
      description: body.description,
      ...(body.contentType ? { content: { [body.contentType]: {} } } : {}),
    };
  const isError = Number(status) >= 400;
  return {
    description: isError ? `Error; code one of ${errors.join(', ')}` : status,
    content: { 'application/json': { schema: toJson(body, 'output') } },
  };
}

/**
 * OpenAPI 3.1 generated from the route table (shared/api/routes.ts) — the same entries the server registers its
 * routes from — so the document lists exactly what is served and cannot drift.
 */
export function buildOpenApi(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, spec] of Object.entries(apiRoutes) as [string, RouteSpec][]) {
    const path = spec.path.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...(spec.params
        ? propertiesOf(spec.params).map((p) => ({
            name: p.name,
            in: 'path',
            required: true,
            schema: p.schema,
          }))
        : [...spec.path.matchAll(/:(\w+)/g)].map((m) => ({
            name: m[1],
            in: 'path',
            required: true,
            schema: { type: 'string' },
          }))),
      ...(spec.headers
        ? propertiesOf(spec.headers).map((p) => ({
            name: p.name,
            in: 'header',
            required: p.required,
            schema: p.schema,
          }))
        : []),
      ...(spec.query
        ? propertiesOf(spec.query).map((p) => ({
            name: p.name,
            in: 'query',
            required: false,
            schema: p.schema,
          }))
        : []),
    ];
    const errors = [...new Set([...spec.errors, ...commonErrorCodes])];
    paths[path] ??= {};
    paths[path][spec.method.toLowerCase()] = {
      operationId,
      summary: spec.summary,
      security: spec.auth === 'public' ? [] : [{ [spec.auth]: [] }],
      ...(spec.handledBy ? { 'x-handled-by': spec.handledBy } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(spec.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: toJson(spec.body) } } } }
        : {}),
      responses: Object.fromEntries(
        Object.entries(spec.responses).map(([status, body]) => [status, response(status, body, errors)]),
      ),
      'x-error-codes': errors,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Qabyldau reference licensing API', version },
    components: {
      securitySchemes: {
        'centre-key': { type: 'http', scheme: 'bearer', description: "The service centre's provisioned key" },
        session: { type: 'http', scheme: 'bearer', description: 'Session token from POST /v1/sessions' },
        licensor: { type: 'http', scheme: 'bearer', description: "The licensor's provisioned key" },
        'metrics-token': {
          type: 'http',
          scheme: 'bearer',
          description: 'The Prometheus scrape token (QABYLDAU_METRICS_TOKEN)',
        },
      },
    },
    paths,
  };
}
