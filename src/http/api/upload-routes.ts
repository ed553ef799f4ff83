import type { FastifyInstance } from 'fastify';
import { PassThrough, type Readable } from 'node:stream';
import { isOmniError } from '../../errors.js';
import { tooLarge, spoolMedia, storeSpooledMedia } from '../../media/spool-media.js';
import type { MediaStore } from '../../media/media-store.js';
import type { Sql } from '../../store/database.js';
import { insertUpload } from '../../store/uploads.js';
import { documentBody } from '../api-docs.js';
import { sendError } from '../error-reply.js';
import { errorResponses, nullable, objectOf } from './schema-shapes.js';

export interface UploadRoutesOptions {
  sql: Sql;
  mediaStore: MediaStore;
  /** UPLOAD_MAX_BYTES: a larger body is answered 413. */
  maxBytes: number;
}

const uploadAnswer = objectOf({
  id: { type: 'integer', description: 'what a reply names as media.upload' },
  mimeType: { type: 'string' },
  size: { type: 'integer' },
  filename: nullable('string'),
});

/**
 * The body is the file itself, of its own type, read as a stream: only the document says so (a
 * `body` schema would have Fastify validate the stream).
 */
const documentedBody = {
  content: { '*/*': { schema: { type: 'string', format: 'binary', description: 'the file, with its Content-Type' } } },
};

/**
 * `POST /api/uploads?filename=`: a file to reply with, sent as the raw request body with its own
 * Content-Type. It streams through a temporary file (hashed, capped at `maxBytes`: a declared length
 * over it is refused before reading, a body that runs past it is cut off) into the media store, and
 * is answered 201 with its id, which a reply then names as `media.upload`. The type is sniffed from
 * the bytes, as for downloaded media; the declared one is kept only for formats file-type cannot tell.
 */
export async function uploadRoutes(app: FastifyInstance, options: UploadRoutesOptions) {
  const { sql, mediaStore, maxBytes } = options;
  // Scoped to this plugin: the body reaches the handler as the request stream, of any type, unread.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.post<{ Querystring: { filename?: string } }>(
    '/uploads',
    {
      // An agent's file over a slow link: UPLOAD_TIMEOUT_MS, not the 10 s every other body gets.
      config: {
        largeBody: true,
        swaggerTransform: documentBody(documentedBody),
      },
      schema: {
        operationId: 'uploadFile',
        summary: 'Upload a file to reply with; answered with its id',
        tags: ['media'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { filename: { type: 'string', minLength: 1, maxLength: 240 } },
        },
        response: { 201: uploadAnswer, ...errorResponses(400, 413) },
      },
    },
    async (request, reply) => {
      const empty = () => sendError(reply, 'OMNI_ERR_API_BAD_REQUEST', 'the request body is the file, and it is empty');
      if (request.body === undefined) return empty();
      const declaredLength = Number(request.headers['content-length']);
      if (Number.isFinite(declaredLength) && declaredLength > maxBytes) {
        reply.header('connection', 'close');
        throw tooLarge(maxBytes);
      }
      const declaredType = request.headers['content-type']?.split(';')[0]?.trim() || undefined;
      // Through a pass-through, so a body cut off at the cap ends that stream, not the request's:
      // the client still gets its 413, on a connection closed after it (the rest is never read).
      const body = (request.body as Readable).pipe(new PassThrough());
      const media = await spoolMedia(body, maxBytes, declaredType).catch((error: unknown) => {
        if (isOmniError(error, 'OMNI_ERR_MEDIA_TOO_LARGE')) reply.header('connection', 'close');
        throw error;
      });
      try {
        // No platform sends an empty file; refused here rather than at send time.
        if (media.size === 0) return empty();
        const storageKey = await storeSpooledMedia(mediaStore, media);
        const filename = request.query.filename ?? null;
        const { principal } = request;
        const uploadedBy =
          principal?.kind === 'agent' ? { agentId: principal.agent.id } : { tokenId: principal?.token.id };
        const id = await insertUpload(
          sql,
          { storageKey, sha256: media.sha256, size: media.size, mimeType: media.mimeType, filename },
          uploadedBy,
        );
        return reply.code(201).send({ id, mimeType: media.mimeType, size: media.size, filename });
      } finally {
        await media.discard();
      }
    },
  );
}
