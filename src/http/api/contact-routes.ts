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
import { contactDetails, contactErasure, contactExport, errorResponse, idParams } from './schemas.js';
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
      schema: { params: idParams, response: { 200: contactDetails, 404: errorResponse } },
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
      schema: { params: idParams, response: { 200: contactExport, 403: errorResponse, 404: errorResponse } },
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
        params: idParams,
        querystring: {
          type: 'object',
          properties: { v: { type: 'string', description: "the picture's version, as avatarUrl names it" } },
        },
        response: { 404: errorResponse },
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
        params: idParams,
        response: { 200: contactErasure, 403: errorResponse, 404: errorResponse, 503: errorResponse },
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
