import type { FastifyInstance } from 'fastify';
import type { MediaStore } from '../../media/media-store.js';
import { eraseContact } from '../../privacy/erase-contact.js';
import { exportContact } from '../../privacy/export-contact.js';
import { selectContactAvatar } from '../../store/contact-profiles.js';
import { findContact } from '../../store/contacts.js';
import type { SqlPool } from '../../store/database.js';
import { sendError, sendNotFound } from '../error-reply.js';
import { auditedBy } from './audit-actor.js';
import { principalScope, requireAdmin } from './authenticate.js';
import { binaryResponse, errorResponses, noBody } from './schema-shapes.js';
import { contactDetails, contactErasure, contactExport, idParams } from './schemas.js';
import { storedFileHeaders } from './stored-file.js';

export interface ContactRoutesOptions {
  sql: SqlPool;
  /** Where the contact's files are deleted from; without one (the webhook Lambda), there is no erasure route. */
  mediaStore?: MediaStore;
}

/**
 * `GET /api/contacts/:id`: who a contact is on its platform, and its conversations.
 * `GET /api/contacts/:id/avatar`: its profile picture (Messenger, Instagram), served as attachments are.
 * `GET /api/contacts/:id/export`: everything Omni holds about the person, as one JSON document (admins only).
 * `DELETE /api/contacts/:id`: erases the person (admins only), leaving an anonymous tombstone.
 * Exports and erasures are recorded in the audit log: who asked, the contact's id, counts, nothing more.
 * A contact of a channel outside the caller's answers 404, as an unknown one does.
 */
export async function contactRoutes(app: FastifyInstance, options: ContactRoutesOptions) {
  const { sql, mediaStore } = options;

  app.get<{ Params: { id: number } }>(
    '/contacts/:id',
    {
      schema: {
        operationId: 'getContact',
        summary: 'Read a contact and its person’s conversations',
        tags: ['contacts'],
        params: idParams,
        response: { 200: contactDetails, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const contact = await findContact(sql, request.params.id, principalScope(request.principal));
      if (!contact) return sendNotFound(reply, 'contact', request.params.id);
      return contact;
    },
  );

  app.get<{ Params: { id: number } }>(
    '/contacts/:id/export',
    {
      preHandler: requireAdmin,
      schema: {
        operationId: 'exportContact',
        summary: 'Export everything Omni holds about a person (admins)',
        tags: ['contacts'],
        params: idParams,
        response: { 200: contactExport, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const exported = await exportContact(sql, request.params.id, auditedBy(request));
      if (!exported) return sendNotFound(reply, 'contact', request.params.id);
      return exported;
    },
  );

  if (!mediaStore) return;
  app.get<{ Params: { id: number } }>(
    '/contacts/:id/avatar',
    {
      schema: {
        operationId: 'getContactAvatar',
        summary: "Read a contact's profile picture",
        tags: ['contacts'],
        params: idParams,
        querystring: {
          type: 'object',
          properties: { v: { type: 'string', description: "the picture's version, as avatarUrl names it" } },
        },
        response: {
          200: binaryResponse('The picture, of its stored type', { etag: { type: 'string' } }),
          304: noBody('Not modified: the If-None-Match etag is the picture’s'),
          ...errorResponses(404),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const avatar = await selectContactAvatar(sql, id, principalScope(request.principal));
      if (!avatar) return sendError(reply, 'OMNI_ERR_API_NOT_FOUND', `contact ${id} has no avatar`);
      const sha256 = avatar.storageKey.slice(avatar.storageKey.lastIndexOf('/') + 1);
      const headers = storedFileHeaders({ ...avatar, sha256, disposition: `inline; filename="avatar-${id}"` });
      reply.headers(headers);
      if (request.headers['if-none-match'] === headers.etag) return reply.code(304).send();
      const object = await mediaStore.get(avatar.storageKey);
      if (!object) {
        request.log.error({ contactId: id, key: avatar.storageKey }, 'avatar missing from the media store');
        return sendError(reply, 'OMNI_ERR_API_NOT_FOUND', `contact ${id}'s avatar is missing from the media store`);
      }
      return reply.header('content-length', object.size).send(object.body);
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/contacts/:id',
    {
      preHandler: requireAdmin,
      schema: {
        operationId: 'eraseContact',
        summary: 'Erase a person, leaving an anonymous tombstone (admins)',
        tags: ['contacts'],
        params: idParams,
        response: { 200: contactErasure, ...errorResponses(403, 404, 503) },
      },
    },
    async (request, reply) => {
      const erasure = await eraseContact(
        { sql, mediaStore, logger: request.log },
        request.params.id,
        auditedBy(request),
      );
      if (!erasure) return sendNotFound(reply, 'contact', request.params.id);
      return erasure;
    },
  );
}
