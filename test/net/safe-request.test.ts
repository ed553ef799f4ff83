import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { isPublicAddress, type OutboundPolicy } from '../../src/net/outbound-policy.js';
import { safeRequest } from '../../src/net/safe-request.js';

/** A loopback server: `/ok` answers, `/to?url=…` redirects there, `/loop` redirects to itself. */
async function startServer(t: Test): Promise<{ origin: string; host: string; seen: { url: string; auth?: string }[] }> {
  const seen: { url: string; auth?: string }[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ url: req.url!, auth: req.headers.authorization });
    const url = new URL(req.url!, 'http://x');
    if (url.pathname === '/ok') return void res.end(`ok ${req.method}`);
    if (url.pathname === '/to') return void res.writeHead(302, { location: url.searchParams.get('url')! }).end();
    if (url.pathname === '/loop') return void res.writeHead(301, { location: '/loop' }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, seen };
}

const base: OutboundPolicy = { maxRedirects: 3, timeoutMs: 5000 };

t.test('judges addresses: only public unicast ones pass', async (t) => {
  for (const address of [
    '127.0.0.1',
    '10.0.0.8',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    'not-an-ip',
  ]) {
    t.notOk(isPublicAddress(address), `${address} is refused`);
  }
  for (const address of ['8.8.8.8', '2606:4700::1111']) t.ok(isPublicAddress(address), `${address} is public`);
});

t.test('safe outgoing requests', async (t) => {
  const server = await startServer(t);
  const trusted: OutboundPolicy = { ...base, privateHosts: [server.host] };

  t.test('reaches a loopback server only when it is named as a private host', async (t) => {
    const response = await safeRequest(`${server.origin}/ok`, trusted);
    t.equal(response.statusCode, 200);
    t.equal(await response.body.text(), 'ok GET');
    await t.rejects(safeRequest(`${server.origin}/ok`, base), {
      code: 'OMNI_ERR_OUTBOUND_REFUSED',
      message: /not a public address/,
    });
  });

  t.test('refuses a name that resolves to a loopback address, at connect time', async (t) => {
    const port = server.host.split(':')[1];
    await t.rejects(safeRequest(`http://localhost:${port}/ok`, base), {
      code: 'OMNI_ERR_OUTBOUND_REFUSED',
      message: /non-public address/,
    });
  });

  t.test('refuses a host outside the allowlist', async (t) => {
    await t.rejects(
      safeRequest('https://example.com/file', { ...base, allowedHosts: ['*.fbcdn.net', 'lookaside.fbsbx.com'] }),
      { message: /host not allowed/ },
    );
    await t.rejects(safeRequest('ftp://example.com/file', base), { message: /only http and https/ });
    await t.rejects(safeRequest('https://user:pw@example.com/', base), { message: /credentials/ });
  });

  t.test('refuses a redirect from a trusted host to the metadata service or another loopback port', async (t) => {
    for (const target of ['http://169.254.169.254/latest/meta-data/', 'http://127.0.0.1:1/admin', 'http://[::1]:1/']) {
      await t.rejects(
        safeRequest(`${server.origin}/to?url=${encodeURIComponent(target)}`, trusted),
        { code: 'OMNI_ERR_OUTBOUND_REFUSED' },
        target,
      );
    }
  });

  t.test('follows a few redirects, checking each hop, and gives up on a loop', async (t) => {
    const response = await safeRequest(`${server.origin}/to?url=${encodeURIComponent(`${server.origin}/ok`)}`, trusted);
    t.equal(await response.body.text(), 'ok GET');
    t.equal(response.url.pathname, '/ok', 'reports where it ended');
    await t.rejects(safeRequest(`${server.origin}/loop`, trusted), { message: /more than 3 redirects/ });
  });

  t.test('sends first-hop headers (a platform token) to the first host only', async (t) => {
    server.seen.length = 0;
    const response = await safeRequest(
      `${server.origin}/to?url=${encodeURIComponent(`${server.origin}/ok`)}`,
      trusted,
      {
        firstHopHeaders: { authorization: 'Bearer secret' },
      },
    );
    await response.body.dump();
    t.same(
      server.seen.map((s) => s.auth),
      ['Bearer secret', undefined],
    );
  });
});
