// The no-store baseline: the same Fastify server shape and the same platform keyrings as `omni serve`
// (raw-bytes parser, signature or secret-token check, JSON parse, item extraction), answering as
// ingest does but storing and queueing nothing. Ingest / baseline is the cost of durability.
import Fastify from 'fastify';
import { environmentSecrets } from '../dist/channels/environment-channels.js';
import { platformFor } from '../dist/platforms/registry.js';
import { BENCH_SECRETS } from './webhook-payloads.mjs';

const port = Number(process.argv[process.argv.indexOf('--port') + 1]);
// The environment's channels, as `omni serve` keys them with no stored channel: one catch-all each.
const keyrings = new Map(
  Object.entries(environmentSecrets(BENCH_SECRETS, {})).map(([name, secrets]) => [
    name,
    platformFor(name).createKeyring([{ channelId: 1, accountId: null, secrets }]),
  ]),
);
const app = Fastify({ logger: false, bodyLimit: 1_048_576 });
app.get('/healthz', async () => ({ ok: true }));
app.register(async (scope) => {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  scope.post('/webhook/:platform', async (request, reply) => {
    const keyring = keyrings.get(request.params.platform);
    if (!keyring) return reply.code(404).send({ error: 'unknown platform' });
    const { verdict } = keyring.authenticate({ headers: request.headers, rawBody: request.body });
    if (verdict !== 'valid') return reply.code(401).send({ error: verdict });
    const { items } = platformFor(request.params.platform).extract(JSON.parse(request.body.toString('utf8')));
    return reply.send({ ok: true, items: items.length, stored: 0 });
  });
});
await app.listen({ port, host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
