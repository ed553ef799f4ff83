import { importEmbedded } from './import-embedded.js';

export interface EmbeddedSqs {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * The fauxqs SQS emulator, listening on 127.0.0.1 only; queues are created through the SQS API.
 * fauxqs is loaded here, not at import, so a production install without it still starts.
 */
export async function startEmbeddedSqs(port = 0): Promise<EmbeddedSqs> {
  const { buildApp } = await importEmbedded(() => import('fauxqs'), 'fauxqs', 'MESSAGE_QUEUE_URL');
  const app = buildApp({ logger: false });
  const endpoint = await app.listen({ port, host: '127.0.0.1' });
  return { endpoint, stop: () => app.close() };
}
