import type { FastifyInstance } from 'fastify';
import { findContact } from '../../store/contacts.js';
import type { Sql } from '../../store/database.js';
import { sendNotFound } from '../error-reply.js';
import { contactDetails, errorResponse, idParams } from './schemas.js';

/** `GET /api/contacts/:id`: who a contact is on its platform, and its conversations. */
export async function contactRoutes(app: FastifyInstance, options: { sql: Sql }) {
  const { sql } = options;

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
}
