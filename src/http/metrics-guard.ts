import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken } from './api/authenticate.js';
import { sendError } from './error-reply.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The onRequest hooks of `/metrics`: none when METRICS_TOKEN is unset, else one that answers 401
 * unless the request carries it as a bearer token. Both sides are hashed first, so the comparison
 * takes the same time whatever the length or the first wrong byte.
 */
export function metricsGuard(token: string | undefined) {
  if (token === undefined) return [];
  const expected = digest(token);
  return [
    async function requireMetricsToken(request: FastifyRequest, reply: FastifyReply) {
      const given = bearerToken(request);
      if (given === undefined || !timingSafeEqual(digest(given), expected)) {
        return sendError(reply, 'OMNI_ERR_METRICS_TOKEN_REQUIRED');
      }
    },
  ];
}
