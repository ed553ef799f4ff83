import t from 'tap';
import type { Principal } from '../../src/http/api/authenticate.js';
import { OpenStreams } from '../../src/http/api/open-streams.js';

const HOUR = 3600_000;

function session(agentId: number, hash: string): Principal {
  return {
    kind: 'agent',
    agent: { id: agentId, email: `${agentId}@example.com`, name: 'Agent', role: 'agent' },
    scope: [],
    sessionHash: Buffer.from(hash, 'hex'),
    expiresAt: new Date(Date.now() + HOUR),
  };
}

function token(tokenId: number): Principal {
  return { kind: 'token', token: { id: tokenId, name: `token-${tokenId}`, role: 'agent' }, scope: [] };
}

/** Admits a stream and records whether it was ended. */
function admit(streams: OpenStreams, principal: Principal) {
  const state = { ended: 0, release: undefined as (() => void) | undefined };
  state.release = streams.admit(principal, () => state.ended++);
  return state;
}

t.test("an agent's disabling ends its sessions' streams, not a token's of the same id", async (t) => {
  const streams = new OpenStreams(5);
  const first = admit(streams, session(7, 'aa'));
  const second = admit(streams, session(7, 'bb'));
  const other = admit(streams, session(8, 'cc'));
  const tokenSeven = admit(streams, token(7));
  streams.revoke({ agentId: 7 });
  t.same([first.ended, second.ended, other.ended, tokenSeven.ended], [1, 1, 0, 0]);
  streams.revoke({ agentId: 7 });
  t.equal(first.ended, 1, 'a stream is ended once');
});

t.test('a logout ends the one session it names', async (t) => {
  const streams = new OpenStreams(5);
  const out = admit(streams, session(7, 'aa'));
  const still = admit(streams, session(7, 'bb'));
  streams.revoke({ sessionHash: 'aa' });
  t.same([out.ended, still.ended], [1, 0]);
});

t.test('a sweep ends the streams whose credential is gone, and spares one admitted while it asked', async (t) => {
  const streams = new OpenStreams(5);
  const gone = admit(streams, session(7, 'aa'));
  const kept = admit(streams, token(3));
  const revokedToken = admit(streams, token(4));
  let late: ReturnType<typeof admit> | undefined;
  await streams.sweep(async (credentials) => {
    t.same(credentials, { sessionHashes: ['aa'], tokenIds: [3, 4] });
    late = admit(streams, session(9, 'dd'));
    return { sessionHashes: new Set(), tokenIds: new Set([3]) };
  });
  t.same([gone.ended, kept.ended, revokedToken.ended, late!.ended], [1, 0, 1, 0]);
});

t.test('the cap counts open streams: a released one frees its place', async (t) => {
  const streams = new OpenStreams(1);
  const held = admit(streams, token(3));
  t.ok(held.release);
  t.notOk(admit(streams, token(3)).release, 'over the cap');
  held.release!();
  t.ok(admit(streams, token(3)).release);
});
