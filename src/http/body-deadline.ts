import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route takes large bodies (a file upload): its body gets the long deadline. */
    largeBody?: boolean;
  }
}

const REQUEST_TIMEOUT = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

/**
 * A deadline for receiving a request's body, per route: `defaultMs` for everything (a webhook, an
 * API call: a slow sender cannot hold a socket), `largeBodyMs` for routes marked `largeBody` (an
 * agent's upload over a slow link). Node's own request timeout is one number per server, so it is
 * set to the long one and this hook enforces the short one. Requests without a body (a GET, the
 * event stream) are never timed: only the body's arrival is.
 */
export function enforceBodyDeadlines(app: FastifyInstance, options: { defaultMs: number; largeBodyMs: number }): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const raw = request.raw;
    const hasBody = Number(raw.headers['content-length'] ?? 0) > 0 || raw.headers['transfer-encoding'] !== undefined;
    if (!hasBody || raw.complete || typeof raw.socket?.end !== 'function') return done();
    const ms = request.routeOptions.config.largeBody ? options.largeBodyMs : options.defaultMs;
    const timer = setTimeout(() => {
      if (raw.complete) return;
      request.log.warn({ deadlineMs: ms }, 'request body too slow: answered 408 and closed');
      raw.socket.end(REQUEST_TIMEOUT, () => raw.socket.destroy());
    }, ms);
    timer.unref();
    const clear = () => clearTimeout(timer);
    raw.once('end', clear);
    raw.once('close', clear);
    done();
  });
}
