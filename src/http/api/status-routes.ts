import type { FastifyInstance } from 'fastify';
import type { QueueRef } from '../../queue/queue-depth.js';
import type { Sql } from '../../store/database.js';
import { readSystemStatus } from '../../status/system-status.js';
import { requireAdmin } from './authenticate.js';
import { errorResponse, nullable } from './schemas.js';

const count = { type: 'integer', minimum: 0 } as const;
const at = nullable('string', { format: 'date-time' });

const systemStatus = {
  type: 'object',
  properties: {
    at: { type: 'string', format: 'date-time' },
    queue: {
      type: 'object',
      description:
        "ok with SQS's approximate counts, unreachable with the reason, or not-configured (an embedded queue)",
      properties: {
        state: { type: 'string', enum: ['ok', 'unreachable', 'not-configured'] },
        depth: {
          type: 'object',
          properties: { waiting: count, inFlight: count, delayed: count, deadLetters: count },
        },
        error: { type: 'string' },
      },
    },
    outbox: {
      type: 'object',
      description: 'queue rows committed but not yet handed to SQS',
      properties: { pending: count, oldestAgeSeconds: nullable('integer') },
    },
    lastFiveMinutes: {
      type: 'object',
      description: 'queue rows whose last attempt ended in the last five minutes',
      properties: { processed: count, failed: count },
    },
    channels: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          platform: { type: 'string' },
          name: { type: 'string' },
          enabled: { type: 'boolean' },
          lastWebhookAt: at,
          lastError: nullable('string'),
          lastErrorAt: at,
          lastErrorAgeSeconds: nullable('integer'),
        },
      },
    },
    failingEndpoints: {
      type: 'array',
      description: 'endpoints in a run of failed deliveries, or disabled by one',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          url: { type: 'string' },
          enabled: { type: 'boolean' },
          consecutiveFailures: count,
          disabledAt: at,
          disabledReason: nullable('string'),
          lastAttemptAt: at,
          lastStatusCode: nullable('integer'),
          lastError: nullable('string'),
        },
      },
    },
    media: {
      type: 'object',
      description: 'attachments whose download failed in the last hour',
      properties: {
        failedLastHour: count,
        latest: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              attachmentId: { type: 'integer' },
              messageId: { type: 'integer' },
              platform: { type: 'string' },
              reason: nullable('string'),
              at: { type: 'string', format: 'date-time' },
            },
          },
        },
      },
    },
    attention: {
      type: 'array',
      description: 'one sentence per thing that needs an operator; empty when all is well',
      items: { type: 'string' },
    },
  },
} as const;

/** `GET /api/status` (admins only): the summary `omni status` prints, from the same one function. */
export async function statusRoutes(app: FastifyInstance, options: { sql: Sql; queue?: QueueRef }) {
  app.get(
    '/status',
    {
      preHandler: requireAdmin,
      schema: {
        response: { 200: systemStatus, 401: errorResponse, 403: errorResponse },
      },
    },
    async () => readSystemStatus(options.sql, options.queue),
  );
}
