import type { FastifyInstance } from 'fastify';
import { accountName, channelFields, SECRET_FIELDS } from '../../platforms/channel-shape.js';
import { platformFor } from '../../platforms/registry.js';
import { PLATFORM_NAMES } from '../../platforms/types.js';
import { requireAdmin } from './authenticate.js';
import { errorResponses, objectOf } from './schema-shapes.js';

const channelField = objectOf({
  name: { type: 'string', description: "the field's name in POST and PATCH /api/channels" },
  description: { type: 'string' },
  required: { type: 'boolean', description: 'required on add' },
  secret: { type: 'boolean', description: 'write-only: answers carry a hint of it at most' },
});

const channelPlatform = objectOf({
  name: { type: 'string', enum: [...PLATFORM_NAMES] },
  account: { type: 'string', description: "the account's name in a channel's view (phoneNumberId, botId, …)" },
  fields: {
    type: 'array',
    items: channelField,
    description: 'what an add takes besides name, sendsPerSecond and assignment: the required ones first',
  },
});

const isSecret = (name: string) => (SECRET_FIELDS as readonly string[]).includes(name);

/** Each platform's channel fields, from its declared shape: what the API's add and update take of it. */
export function channelPlatforms() {
  return PLATFORM_NAMES.map((name) => {
    const shape = platformFor(name).channel;
    const { required, optional } = channelFields(shape);
    const field = (isRequired: boolean) => (f: { name: string; description: string }) => ({
      name: f.name,
      description: f.description,
      required: isRequired,
      secret: isSecret(f.name),
    });
    return { name, account: accountName(shape), fields: [...required.map(field(true)), ...optional.map(field(false))] };
  });
}

/**
 * `GET /api/channels/platforms`: what a channel of each platform takes, so a client (the dashboard's
 * Channels screen) builds its forms from the platforms' declarations instead of keeping a copy of
 * them. A plugin of its own on a static path, which `/api/channels/:id` never captures. Admin-only,
 * as are the writes it serves.
 */
export async function channelPlatformRoutes(app: FastifyInstance) {
  const answer = { platforms: channelPlatforms() };
  app.get(
    '/channels/platforms',
    {
      preHandler: requireAdmin,
      schema: {
        operationId: 'listChannelPlatforms',
        summary: 'List what a channel of each platform takes (admins)',
        tags: ['channels'],
        response: {
          200: objectOf({ platforms: { type: 'array', items: channelPlatform } }),
          ...errorResponses(403),
        },
      },
    },
    async () => answer,
  );
}
