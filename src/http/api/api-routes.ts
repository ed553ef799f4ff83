import cookie from '@fastify/cookie';
import type { FastifyError, FastifyInstance } from 'fastify';
import { isOmniError } from '../../errors.js';
import type { SqlPool } from '../../store/database.js';
import { sendError } from '../error-reply.js';
import { auditRoutes } from './audit-routes.js';
import { authRoutes } from './auth-routes.js';
import { authenticate } from './authenticate.js';
import { cannedResponseRoutes } from './canned-response-routes.js';
import { declareCommonAnswers } from './common-answers.js';
import { channelPlatformRoutes } from './channel-platform-routes.js';
import { type ChannelRoutesOptions, channelRoutes } from './channel-routes.js';
import { contactMergeRoutes } from './contact-merge-routes.js';
import { contactRoutes } from './contact-routes.js';
import { conversationRoutes } from './conversation-routes.js';
import { conversationLabelRoutes } from './conversation-label-routes.js';
import { conversationNoteRoutes } from './conversation-note-routes.js';
import { conversationWorkflowRoutes } from './conversation-workflow-routes.js';
import { endpointRoutes } from './endpoint-routes.js';
import { eventRoutes } from './event-routes.js';
import type { LoginLimitOptions } from './login-limiter.js';
import type { ChannelDirectory } from '../../channels/channel-directory.js';
import type { Outbox } from '../../queue/outbox.js';
import type { QueueRef } from '../../queue/queue-depth.js';
import { statusRoutes } from './status-routes.js';
import { unreadCountRoutes } from './unread-count-routes.js';
import { replyRoutes } from './reply-routes.js';
import type { MediaStore } from '../../media/media-store.js';
import { DEFAULT_MEDIA_MAX_BYTES } from '../../config/variables.js';
import { mediaRoutes } from './media-routes.js';
import { templateRoutes } from './template-routes.js';
import { unroutedRoutes } from './unrouted-routes.js';
import { platformApis } from '../../platforms/platform-apis.js';
import { uploadRoutes } from './upload-routes.js';
import { tokenRoutes } from './token-routes.js';
import { userRoutes } from './user-routes.js';
import type { OutboundPolicy } from '../../net/outbound-policy.js';

export interface ApiRoutesOptions {
  sql: SqlPool;
  /** Hands a reply's send job to SQS once its transaction commits (else the relay does). */
  outbox: Outbox;
  /** The queue pair `GET /api/status` counts. */
  queue?: QueueRef;
  /** The process's channels: a reply goes out through its conversation's; a change made here reloads them at once. */
  channels: ChannelDirectory;
  /** Serve `/api/events` (one LISTEN connection per app); the webhook Lambda does not. */
  liveEvents?: boolean;
  /** EVENT_STREAMS_PER_USER: open `/api/events` streams per agent or API token in this process. */
  eventStreamsPerUser?: number;
  sessionTtlMs?: number;
  loginLimit?: LoginLimitOptions;
  /** Serve `GET /api/media/:id` from this store; a process without one (the webhook Lambda) does not. */
  mediaStore?: MediaStore;
  /** The largest file `POST /api/uploads` takes (served with `mediaStore`, into it). Default 100 MB. */
  uploadMaxBytes?: number;
  /** Channel management: the key new secrets are sealed with and the configuration it reads. Without it, channels are read-only. */
  channelSealing?: ChannelRoutesOptions['sealing'];
  /** Where subscribed endpoints may point (ENDPOINT_PRIVATE_HOSTS…); without it, `POST /api/endpoints` refuses. */
  endpointPolicy?: OutboundPolicy;
}

/**
 * Everything under `/api`: login and logout, then — behind a session or an API token — the
 * conversation API (reading, workflow and replies), contacts, their export and merges, the channels
 * and the accounts no channel holds, the users, API tokens, subscribed endpoints, the audit log and the status (admins),
 * WhatsApp templates, the team's canned responses, the event stream,
 * and with a media store, stored media, uploads and contact erasure. Errors keep the
 * catalogue's `{ error: { code, message } }`.
 */
export async function apiRoutes(app: FastifyInstance, options: ApiRoutesOptions) {
  const { sql } = options;
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (isOmniError(error)) return sendError(reply, error.code, error.message);
    if (error.statusCode && error.statusCode < 500) return sendError(reply, 'OMNI_ERR_API_BAD_REQUEST', error.message);
    request.log.error({ err: error }, 'api request failed');
    return sendError(reply, 'OMNI_ERR_INTERNAL');
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 'OMNI_ERR_API_NOT_FOUND'));
  app.addHook('onRoute', declareCommonAnswers);

  // Parses the session cookie for every /api route; a value that does not decode stays as it came.
  await app.register(cookie);
  await app.register(authRoutes, {
    sql,
    sessionTtlMs: options.sessionTtlMs ?? 12 * 3600_000,
    loginLimit: options.loginLimit ?? { max: 10, ipMax: 50, windowMs: 15 * 60_000 },
  });
  await app.register(async function protectedRoutes(app) {
    app.addHook('onRequest', authenticate(sql));
    await app.register(conversationRoutes, { sql });
    await app.register(unreadCountRoutes, { sql });
    await app.register(conversationWorkflowRoutes, { sql });
    await app.register(conversationLabelRoutes, { sql });
    await app.register(conversationNoteRoutes, { sql });
    await app.register(contactRoutes, { sql, mediaStore: options.mediaStore });
    await app.register(contactMergeRoutes, { sql });
    await app.register(replyRoutes, { sql, outbox: options.outbox, channels: options.channels });
    await app.register(channelRoutes, { sql, sealing: options.channelSealing, directory: options.channels });
    await app.register(unroutedRoutes, { sql });
    await app.register(channelPlatformRoutes);
    await app.register(userRoutes, { sql });
    await app.register(tokenRoutes, { sql });
    await app.register(endpointRoutes, { sql, policy: options.endpointPolicy });
    await app.register(auditRoutes, { sql });
    await app.register(statusRoutes, { sql, queue: options.queue });
    await app.register(cannedResponseRoutes, { sql });
    await app.register(templateRoutes, {
      sql,
      channels: options.channels,
      apis: options.channelSealing && platformApis(options.channelSealing.config),
    });
    if (options.liveEvents) await app.register(eventRoutes, { sql, streamsPerUser: options.eventStreamsPerUser });
    if (options.mediaStore) {
      await app.register(mediaRoutes, { sql, mediaStore: options.mediaStore });
      await app.register(uploadRoutes, {
        sql,
        mediaStore: options.mediaStore,
        maxBytes: options.uploadMaxBytes ?? DEFAULT_MEDIA_MAX_BYTES,
      });
    }
  });
}
