import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type MergeOutcome, mergeContacts, unmergeContact } from '../../store/contact-merges.js';
import { findContact } from '../../store/contacts.js';
import type { SqlPool } from '../../store/database.js';
import { listMergeSuggestions } from '../../store/merge-suggestions.js';
import { sendNotFound } from '../error-reply.js';
import { auditedBy } from './audit-actor.js';
import { principalScope } from './authenticate.js';
import { errorResponses, objectOf } from './schema-shapes.js';
import { contactDetails, idParams, rowId } from './schemas.js';

export interface ContactMergeRoutesOptions {
  sql: SqlPool;
}

const mergeSuggestions = objectOf({
  suggestions: {
    type: 'array',
    items: objectOf({
      telegramContactId: { type: 'integer' },
      whatsappContactId: { type: 'integer' },
      phone: { type: 'string', description: 'the number both share, in E.164' },
      messageId: { type: 'integer', description: 'the Telegram contact message that shared it' },
      sharedAt: { type: 'string', format: 'date-time' },
    }),
  },
});

const changeResponses = { 200: contactDetails, ...errorResponses(404, 409) };

/**
 * One person across channels. `POST /api/contacts/:id/merge { into }` merges a contact into
 * another (the person's conversations then show together on either); `POST /api/contacts/:id/unmerge`
 * undoes it; `GET /api/contact-suggestions` lists the pairs that look like one person (Omni never
 * merges on its own). Any caller may merge contacts it sees both of, as it may reply to them: a
 * merge only links records (nothing is rewritten, an unmerge restores exactly) and is audited. A
 * contact outside the caller's channels answers 404, as an unknown one does.
 */
export async function contactMergeRoutes(app: FastifyInstance, options: ContactMergeRoutesOptions) {
  const { sql } = options;

  /** The contact after a merge or an unmerge, or the 404 naming the contact that is not there. */
  async function answer(request: FastifyRequest, reply: FastifyReply, outcome: MergeOutcome, shownId: number) {
    if ('missing' in outcome) return sendNotFound(reply, 'contact', outcome.missing);
    const contact = await findContact(sql, shownId, principalScope(request.principal));
    if (!contact) return sendNotFound(reply, 'contact', shownId);
    return contact;
  }

  app.post<{ Params: { id: number }; Body: { into: number } }>(
    '/contacts/:id/merge',
    {
      schema: {
        operationId: 'mergeContact',
        summary: 'Merge a contact into another: one person across channels',
        tags: ['contacts'],
        params: idParams,
        body: {
          type: 'object',
          required: ['into'],
          additionalProperties: false,
          properties: { into: { ...rowId, description: 'the contact to merge it into' } },
        },
        response: changeResponses,
      },
    },
    async (request, reply) => {
      const ids = { contactId: request.params.id, intoId: request.body.into };
      const outcome = await mergeContacts(sql, ids, principalScope(request.principal), auditedBy(request));
      return answer(request, reply, outcome, ids.intoId);
    },
  );

  app.post<{ Params: { id: number } }>(
    '/contacts/:id/unmerge',
    {
      schema: {
        operationId: 'unmergeContact',
        summary: 'Undo a merge',
        tags: ['contacts'],
        params: idParams,
        response: changeResponses,
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const outcome = await unmergeContact(sql, id, principalScope(request.principal), auditedBy(request));
      return answer(request, reply, outcome, id);
    },
  );

  app.get<{ Querystring: { contactId?: number } }>(
    '/contact-suggestions',
    {
      schema: {
        operationId: 'listContactSuggestions',
        summary: 'List pairs of contacts that look like one person',
        tags: ['contacts'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { contactId: { ...rowId, description: 'only the suggestions naming it' } },
        },
        response: { 200: mergeSuggestions },
      },
    },
    async (request) => ({
      suggestions: await listMergeSuggestions(sql, principalScope(request.principal), request.query.contactId),
    }),
  );
}
