import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { MessageBus, MessageReceivedEvent } from '../../processor/bus.js';

export interface EventRoutesOptions {
  bus: MessageBus;
  /** A comment line this often keeps proxies from closing an idle stream; 15 s by default. */
  heartbeatMs?: number;
}

function frame(event: MessageReceivedEvent): string {
  return `id: ${event.messageId}\nevent: message.received\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * `GET /api/events`: server-sent events, one `message.received` per item the worker commits on
 * this process's bus. One bus listener fans out to every open stream; streams end when the app
 * closes, so a graceful shutdown is not held open by dashboards.
 */
export async function eventRoutes(app: FastifyInstance, options: EventRoutesOptions) {
  const streams = new Set<ServerResponse>();
  const broadcast = (event: MessageReceivedEvent) => {
    const text = frame(event);
    for (const stream of streams) stream.write(text);
  };
  options.bus.on('message.received', broadcast);
  app.addHook('preClose', async () => {
    options.bus.off('message.received', broadcast);
    for (const stream of streams) stream.end();
  });

  app.get('/events', { logLevel: 'warn' }, (request, reply) => {
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    stream.write('retry: 3000\n\n');
    streams.add(stream);
    const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), options.heartbeatMs ?? 15_000);
    heartbeat.unref();
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(stream);
    });
  });
}
