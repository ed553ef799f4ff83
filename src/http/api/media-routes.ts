import type { FastifyInstance } from 'fastify';
import type { ByteRange, MediaStore } from '../../media/media-store.js';
import type { Sql } from '../../store/database.js';
import { selectStoredAttachment, type StoredAttachment } from '../../store/attachments.js';
import { sendError } from '../error-reply.js';
import { principalScope } from './authenticate.js';
import { binaryResponse, errorResponses, noBody } from './schema-shapes.js';
import { idParams } from './schemas.js';
import { isInline, storedFileHeaders } from './stored-file.js';

export interface MediaRoutesOptions {
  sql: Sql;
  mediaStore: MediaStore;
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; undefined when there is none (or several); null when unsatisfiable. */
function parseRange(header: string | undefined, size: number): ByteRange | null | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [first, last] = [match[1], match[2]];
  if (first === '') {
    const suffix = Number(last);
    return suffix === 0 || size === 0 ? null : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return start > end || start >= size ? null : { start, end };
}

const fileHeaders = {
  etag: { type: 'string' },
  'accept-ranges': { type: 'string', enum: ['bytes'] },
  'content-disposition': { type: 'string', description: 'inline for images, audio and video; else attachment' },
};

function contentDisposition(attachment: StoredAttachment): string {
  const name = attachment.filename ?? `attachment-${attachment.id}`;
  // An ASCII fallback for old clients, and the exact name per RFC 6266/5987.
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${isInline(attachment.mimeType) ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * `GET /api/media/:id`: a stored attachment's bytes, streamed from the media store to an agent, with
 * single byte ranges (206) so audio and video seek. Unknown and not-yet-stored attachments are 404,
 * and so are those of a message in a channel outside the caller's.
 * The response is sandboxed and never sniffed, so a file a customer sent cannot run in Omni's origin;
 * platform tokens stay on the server (the bytes were fetched with them, not the browser).
 */
export async function mediaRoutes(app: FastifyInstance, options: MediaRoutesOptions) {
  const { sql, mediaStore } = options;

  app.get<{ Params: { id: number } }>(
    '/media/:id',
    {
      schema: {
        operationId: 'getMedia',
        summary: "Read a stored attachment's bytes, whole or one byte range",
        tags: ['media'],
        params: idParams,
        headers: {
          type: 'object',
          properties: {
            range: { type: 'string', description: 'one range: bytes=a-b, bytes=a- or bytes=-n (206)' },
            'if-none-match': { type: 'string', description: "the attachment's etag (304)" },
          },
        },
        response: {
          200: binaryResponse('The whole file, of its stored type', fileHeaders),
          206: binaryResponse('The range asked for', {
            ...fileHeaders,
            'content-range': { type: 'string', description: 'bytes a-b/size' },
          }),
          304: noBody('Not modified: the If-None-Match etag is the attachment’s'),
          ...errorResponses(404, 416),
        },
      },
    },
    async (request, reply) => {
      const attachment = await selectStoredAttachment(sql, request.params.id, principalScope(request.principal));
      if (!attachment)
        return sendError(
          reply,
          'OMNI_ERR_API_NOT_FOUND',
          `attachment ${request.params.id} not found or not stored yet`,
        );
      const size = attachment.sizeBytes;
      const range = parseRange(request.headers.range, size);
      if (range === null) {
        reply.header('content-range', `bytes */${size}`);
        return sendError(reply, 'OMNI_ERR_API_RANGE_NOT_SATISFIABLE');
      }
      const headers = storedFileHeaders({ ...attachment, disposition: contentDisposition(attachment) });
      reply.headers({ ...headers, 'accept-ranges': 'bytes' });
      if (request.headers['if-none-match'] === headers.etag) return reply.code(304).send();
      const object = await mediaStore.get(attachment.storageKey, range);
      if (!object) {
        request.log.error(
          { attachmentId: attachment.id, key: attachment.storageKey },
          'stored attachment missing from the media store',
        );
        return sendError(
          reply,
          'OMNI_ERR_API_NOT_FOUND',
          `attachment ${attachment.id} is missing from the media store`,
        );
      }
      if (range) {
        reply
          .code(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
          .header('content-length', range.end - range.start + 1);
      } else {
        reply.header('content-length', size);
      }
      return reply.send(object.body);
    },
  );
}
