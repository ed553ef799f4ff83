import { buildApp } from 'fauxqs';

export interface EmbeddedSqs {
  endpoint: string;
  stop(): Promise<void>;
}

/** The fauxqs SQS emulator, listening on 127.0.0.1 only; queues are created through the SQS API. */
export async function startEmbeddedSqs(port = 0): Promise<EmbeddedSqs> {
  const app = buildApp({ logger: false });
  const endpoint = await app.listen({ port, host: '127.0.0.1' });
  return { endpoint, stop: () => app.close() };
}
