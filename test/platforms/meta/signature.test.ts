import t from 'tap';
import { signMetaPayload, verifyMetaSignature } from '../../../src/platforms/meta/signature.js';

const secret = 'app-secret';
const body = Buffer.from('{"object":"page","text":"caf\\u00e9"}');

t.test('accepts a signature made over the raw bytes', async (t) => {
  const headers = { 'x-hub-signature-256': signMetaPayload(secret, body) };
  t.equal(verifyMetaSignature(secret, { headers, rawBody: body }), 'valid');
});

t.test('rejects a signature made with another secret', async (t) => {
  const headers = { 'x-hub-signature-256': signMetaPayload('other', body) };
  t.equal(verifyMetaSignature(secret, { headers, rawBody: body }), 'invalid');
});

t.test('rejects a signature over a re-serialised body', async (t) => {
  const decoded = Buffer.from(JSON.stringify(JSON.parse(body.toString())));
  const headers = { 'x-hub-signature-256': signMetaPayload(secret, decoded) };
  t.equal(verifyMetaSignature(secret, { headers, rawBody: body }), 'invalid');
});

t.test('reports a missing header as missing and a malformed one as invalid', async (t) => {
  t.equal(verifyMetaSignature(secret, { headers: {}, rawBody: body }), 'missing');
  t.equal(verifyMetaSignature(secret, { headers: { 'x-hub-signature-256': 'sha1=abc' }, rawBody: body }), 'invalid');
  t.equal(verifyMetaSignature(secret, { headers: { 'x-hub-signature-256': 'sha256=zz' }, rawBody: body }), 'invalid');
});
