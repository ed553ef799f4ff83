import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import t from 'tap';
import { verifyOmniWebhook } from '../../clients/typescript/src/index.js';

// Signed with standardwebhooks, the library Omni's deliver_event job signs with; the typed client's
// test verifies a delivery the job itself sent.
const secret = () => `whsec_${randomBytes(24).toString('base64')}`;
const SECRET = secret();
const BODY = JSON.stringify({ type: 'message.received', timestamp: '2026-12-01T10:00:00.000Z', data: { n: 'é' } });
const SENT_AT = new Date('2026-12-01T10:00:00Z');

function signed(body = BODY, at = SENT_AT, secrets = [SECRET]) {
  return {
    'webhook-id': 'msg_2b1f0c',
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((s) => new Webhook(s).sign('msg_2b1f0c', at, body)).join(' '),
  };
}

const refused = (reason: string) => ({ name: 'OmniWebhookVerificationError', reason });

t.test('a delivery signed as Omni signs it verifies and answers the parsed event', async (t) => {
  const now = new Date(SENT_AT.getTime() + 60_000);
  t.same(await verifyOmniWebhook(SECRET, BODY, signed(), { now }), JSON.parse(BODY));
  t.same(
    await verifyOmniWebhook(SECRET, new TextEncoder().encode(BODY), new Headers(signed()), { now }),
    JSON.parse(BODY),
    'from bytes and a fetch Headers',
  );
  const shouting = Object.fromEntries(Object.entries(signed()).map(([k, v]) => [k.toUpperCase(), [v]]));
  t.ok(await verifyOmniWebhook(SECRET, BODY, shouting, { now }), 'header names in any case, values in lists');
  t.ok(
    await verifyOmniWebhook(SECRET, BODY, signed(BODY, SENT_AT, [secret(), SECRET]), { now }),
    'any one of several signatures (a secret being rotated)',
  );
  t.ok(
    await verifyOmniWebhook(SECRET.slice('whsec_'.length), BODY, signed(), { now }),
    'the secret without its prefix',
  );
});

t.test('refuses a delivery that is not exactly what Omni signed, or not recent', async (t) => {
  const now = SENT_AT;
  await t.rejects(verifyOmniWebhook(secret(), BODY, signed(), { now }), refused('bad-signature'), 'another secret');
  await t.rejects(
    verifyOmniWebhook(SECRET, BODY.replace('é', 'e'), signed(), { now }),
    refused('bad-signature'),
    'a changed body',
  );
  await t.rejects(
    verifyOmniWebhook(SECRET, BODY, { ...signed(), 'webhook-id': 'msg_other' }, { now }),
    refused('bad-signature'),
    'another webhook-id',
  );
  const v2 = { ...signed(), 'webhook-signature': signed()['webhook-signature'].replace('v1,', 'v2,') };
  await t.rejects(verifyOmniWebhook(SECRET, BODY, v2, { now }), refused('bad-signature'), 'an unknown version');
  const garbled = { ...signed(), 'webhook-signature': 'v1,%%% v1,' };
  await t.rejects(verifyOmniWebhook(SECRET, BODY, garbled, { now }), refused('bad-signature'), 'no base64 signature');
  const { 'webhook-signature': _, ...unsigned } = signed();
  await t.rejects(verifyOmniWebhook(SECRET, BODY, unsigned, { now }), refused('missing-headers'), 'unsigned');
  for (const minutes of [-6, 6]) {
    await t.rejects(
      verifyOmniWebhook(SECRET, BODY, signed(), { now: new Date(SENT_AT.getTime() + minutes * 60_000) }),
      refused('stale-timestamp'),
      `signed ${minutes} minutes from now`,
    );
  }
  t.ok(
    await verifyOmniWebhook(SECRET, BODY, signed(), {
      now: new Date(SENT_AT.getTime() + 6 * 60_000),
      toleranceSeconds: 600,
    }),
    'within a wider tolerance',
  );
});
