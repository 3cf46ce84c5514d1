import { z } from 'zod';
import { apiRoutes, type RouteSpec } from '@shared/api/routes';

const toJson = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

/** OpenAPI 3.1 generated from the same zod schemas the server validates with, so the document cannot drift. */
export function buildOpenApi(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, spec] of Object.entries(apiRoutes) as [string, RouteSpec][]) {
    const path = spec.path.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...[...spec.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries(spec.headers ?? {}).map(([name, description]) => ({ name, in: 'header', required: true, description, schema: { type: 'string' } })),
      ...(spec.query
        ? Object.entries((toJson(spec.query) as { properties?: Record<string, unknown> }).properties ?? {}).map(([name, schema]) => ({
            name,
            in: 'query',
            required: false,
            schema,
          }))
        : []),
    ];
    paths[path] ??= {};
    paths[path][spec.method.toLowerCase()] = {
      operationId,
      summary: spec.summary,
      ...(spec.auth === 'none' ? { security: [] } : { security: [{ [spec.auth]: [] }] }),
      ...(parameters.length ? { parameters } : {}),
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: toJson(spec.body) } } } } : {}),
      responses: Object.fromEntries(
        Object.entries(spec.responses).map(([status, schema]) => [
          status,
          { description: status, content: { 'application/json': { schema: toJson(schema) } } },
        ]),
      ),
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
      },
    },
    paths,
  };
}
