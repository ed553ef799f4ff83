import type { RouteOptions } from 'fastify';
import { SAFE_METHODS } from './authenticate.js';
import { errorResponses } from './schema-shapes.js';

/**
 * An `onRoute` hook declaring, on every /api route, the answers that come from the API as a whole
 * rather than from the route: the 401 of `authenticate` (every route but a public one, marked
 * `security: []`), its 403 for a cookie request that changes state without being JSON or carrying
 * X-Requested-With, the 400 of a request its schema refuses, and the 500 of the error handler.
 * Said once here, beside the hooks that answer them; a route's own schema lists its own answers.
 */
export function declareCommonAnswers(route: RouteOptions): void {
  const schema = route.schema ?? {};
  const isPublic = Array.isArray(schema.security) && schema.security.length === 0;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const changesState = methods.some((method) => !SAFE_METHODS.has(method));
  const validated = Boolean(schema.body || schema.querystring || schema.params || schema.headers);
  const statuses = [
    ...(validated ? [400] : []),
    ...(isPublic ? [] : [401]),
    ...(!isPublic && changesState ? [403] : []),
    500,
  ];
  const declared = (schema.response ?? {}) as Record<string, unknown>;
  route.schema = { ...schema, response: { ...errorResponses(...statuses), ...declared } };
}
