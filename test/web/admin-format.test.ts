import t from 'tap';
import { deliveryOutcome, endpointEvents, endpointState, tokenChannels } from '../../web/admin/admin-format.js';

t.test('a token’s channels: its own for an agent token, every one for an admin token', async (t) => {
  const channels = [
    { id: 1, name: 'Sales', platform: 'whatsapp' },
    { id: 2, name: 'Support', platform: 'telegram' },
  ];
  t.equal(tokenChannels({ role: 'agent', channels }), 'Sales · whatsapp, Support · telegram');
  t.equal(tokenChannels({ role: 'admin', channels: [] }), 'every channel');
});

t.test('an endpoint’s events say * as all events', async (t) => {
  t.equal(endpointEvents(['message.received', 'conversation.created']), 'message.received, conversation.created');
  t.equal(endpointEvents(['*']), 'all events (*)');
});

t.test('an endpoint’s state gives the reason it was disabled', async (t) => {
  t.equal(endpointState({ enabled: true, disabledReason: null }), 'enabled');
  t.equal(
    endpointState({ enabled: false, disabledReason: 'disabled by root@example.com' }),
    'disabled: disabled by root@example.com',
  );
  t.equal(endpointState({ enabled: false, disabledReason: null }), 'disabled');
});

t.test('a delivery attempt is delivered with its status, or failed with its error', async (t) => {
  t.equal(deliveryOutcome({ statusCode: 204, error: null }), 'delivered (204)');
  t.equal(deliveryOutcome({ statusCode: 500, error: 'HTTP 500' }), 'failed: HTTP 500');
  t.equal(deliveryOutcome({ statusCode: null, error: 'timed out after 2000 ms' }), 'failed: timed out after 2000 ms');
});
