import type { FastifyInstance } from 'fastify';
import type { MediaStore } from '../../media/media-store.js';
import { eraseContact } from '../../privacy/erase-contact.js';
import { selectContactExport } from '../../store/contact-export.js';
import { findContact } from '../../store/contacts.js';
import type { SqlPool } from '../../store/database.js';
import { sendNotFound } from '../error-reply.js';
import { principalName, requireAdmin } from './authenticate.js';
import { contactDetails, contactErasure, contactExport, errorResponse, idParams } from './schemas.js';

export interface ContactRoutesOptions {
  sql: SqlPool;
  /** Where the contact's files are deleted from; without one (the webhook Lambda), there is no erasure route. */
  mediaStore?: MediaStore;
}

/**
 * `GET /api/contacts/:id`: who a contact is on its platform, and its conversations.
 * `GET /api/contacts/:id/export`: everything Omni holds about the person, as one JSON document.
 * `DELETE /api/contacts/:id`: erases the person (admins only), leaving an anonymous tombstone.
 * Exports and erasures are audited in the log by contact id and who asked, nothing more.
 */
export async function contactRoutes(app: FastifyInstance, options: ContactRoutesOptions) {
  const { sql, mediaStore } = options;

  app.get<{ Params: { id: number } }>(
    '/contacts/:id',
    {
      schema: { params: idParams, response: { 200: contactDetails, 404: errorResponse } },
    },
    async (request, reply) => {
      const contact = await findContact(sql, request.params.id);
      if (!contact) return sendNotFound(reply, 'contact', request.params.id);
      return contact;
    },
  );

  app.get<{ Params: { id: number } }>(
    '/contacts/:id/export',
    {
      schema: { params: idParams, response: { 200: contactExport, 404: errorResponse } },
    },
    async (request, reply) => {
      const exported = await selectContactExport(sql, request.params.id);
      if (!exported) return sendNotFound(reply, 'contact', request.params.id);
      request.log.info(
        { audit: 'contact.exported', contactId: request.params.id, exportedBy: principalName(request.principal) },
        'contact exported',
      );
      return exported;
    },
  );

  if (!mediaStore) return;
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
        principalName(request.principal),
      );
      if (!erasure) return sendNotFound(reply, 'contact', request.params.id);
      return erasure;
    },
  );
}
