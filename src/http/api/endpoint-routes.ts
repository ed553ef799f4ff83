import type { FastifyInstance } from 'fastify';
import { disableEndpointBy, reenableEndpoint, removeEndpoint } from '../../endpoints/manage-endpoints.js';
import { registerEndpoint } from '../../endpoints/register-endpoint.js';
import { OmniError } from '../../errors.js';
import type { OutboundPolicy } from '../../net/outbound-policy.js';
import type { SqlPool } from '../../store/database.js';
import { listDeliveries } from '../../store/endpoint-deliveries.js';
import { type Endpoint, findEndpoint, listEndpoints } from '../../store/endpoints.js';
import { auditedBy } from './audit-actor.js';
import { requireAdmin } from './authenticate.js';
import { addEndpointBody, deliveriesQuery, deliverySchema, endpointSchema } from './endpoint-schemas.js';
import { errorResponses, noBody, objectOf } from './schema-shapes.js';
import { idParams } from './schemas.js';

export interface EndpointRoutesOptions {
  sql: SqlPool;
  /** Where deliveries may go (ENDPOINT_PRIVATE_HOSTS…), checked when one is added; without it none can be. */
  policy?: OutboundPolicy;
}

type ById = { Params: { id: number } };

const one = objectOf({ endpoint: endpointSchema });

function found(endpoint: Endpoint | null, id: number): Endpoint {
  if (!endpoint) throw new OmniError('OMNI_ERR_ENDPOINT_NOT_FOUND', `no subscribed endpoint has the id ${id}`);
  return endpoint;
}

/**
 * The subscribed endpoints, for admins only: list, add (its signing secret is answered this once),
 * remove, disable and re-enable, and each one's delivery log. Every change is audited as the CLI's
 * are; a list never holds a secret.
 */
export async function endpointRoutes(app: FastifyInstance, options: EndpointRoutesOptions) {
  const { sql, policy } = options;
  app.addHook('preHandler', requireAdmin);
  const byId = (operationId: string, summary: string, response: Record<number, object>) => ({
    schema: { operationId, summary, tags: ['endpoints'], params: idParams, response },
  });

  app.get(
    '/endpoints',
    {
      schema: {
        operationId: 'listEndpoints',
        summary: 'List the subscribed endpoints, without their secrets (admins)',
        tags: ['endpoints'],
        response: { 200: objectOf({ endpoints: { type: 'array', items: endpointSchema } }), ...errorResponses(403) },
      },
    },
    async () => ({ endpoints: await listEndpoints(sql) }),
  );

  app.post<{ Body: { url: string; events: string[] } }>(
    '/endpoints',
    {
      schema: {
        operationId: 'addEndpoint',
        summary: 'Subscribe an endpoint; the answer holds its signing secret, shown this once (admins)',
        tags: ['endpoints'],
        body: addEndpointBody,
        response: {
          201: objectOf({
            endpoint: endpointSchema,
            secret: {
              type: 'string',
              description: 'the Standard Webhooks signing secret (whsec_…): answered only this once',
            },
          }),
          ...errorResponses(400, 403, 500),
        },
      },
    },
    async (request, reply) => {
      if (!policy)
        throw new OmniError('OMNI_ERR_CONFIG_INVALID', 'this process was started without endpoint delivery settings');
      const { url, events } = request.body;
      const { secret, ...endpoint } = await registerEndpoint(
        sql,
        policy,
        { url, events: events.join(',') },
        auditedBy(request),
      );
      return reply.code(201).send({ endpoint, secret });
    },
  );

  app.delete<ById>(
    '/endpoints/:id',
    byId('removeEndpoint', 'Remove an endpoint and its delivery log (admins)', {
      204: noBody('Removed'),
      ...errorResponses(403, 404),
    }),
    async (request, reply) => {
      const { id } = request.params;
      if (!(await removeEndpoint(sql, id, auditedBy(request)))) found(null, id);
      return reply.code(204).send();
    },
  );

  app.post<ById>(
    '/endpoints/:id/disable',
    byId('disableEndpoint', 'Disable an endpoint: it gets nothing until re-enabled (admins)', {
      200: one,
      ...errorResponses(403, 404),
    }),
    async (request) => {
      const { id } = request.params;
      return { endpoint: found(await disableEndpointBy(sql, id, auditedBy(request)), id) };
    },
  );

  app.post<ById>(
    '/endpoints/:id/enable',
    byId('enableEndpoint', 'Re-enable an endpoint with a fresh run of failures (admins)', {
      200: one,
      ...errorResponses(403, 404),
    }),
    async (request) => {
      const { id } = request.params;
      return { endpoint: found(await reenableEndpoint(sql, id, auditedBy(request)), id) };
    },
  );

  app.get<ById & { Querystring: { limit: number } }>(
    '/endpoints/:id/deliveries',
    {
      schema: {
        ...byId('listEndpointDeliveries', 'An endpoint’s delivery log, newest first (admins)', {
          200: objectOf({ deliveries: { type: 'array', items: deliverySchema } }),
          ...errorResponses(403, 404),
        }).schema,
        querystring: deliveriesQuery,
      },
    },
    async (request) => {
      const { id } = request.params;
      found(await findEndpoint(sql, id), id);
      return { deliveries: await listDeliveries(sql, id, request.query.limit) };
    },
  );
}
