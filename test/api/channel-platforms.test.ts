import t from 'tap';
import { channelPlatforms } from '../../src/http/api/channel-platform-routes.js';

t.test('each platform’s channel fields come from its shape: required first, secrets marked', async (t) => {
  const byName = Object.fromEntries(channelPlatforms().map((p) => [p.name, p]));
  t.same(Object.keys(byName).sort(), ['instagram', 'messenger', 'telegram', 'whatsapp'], 'every platform');
  const fields = (name: string) => byName[name]!.fields.map((f) => [f.name, f.required, f.secret]);
  t.equal(byName.telegram!.account, 'botId', 'a bot’s account is learned, not given');
  t.same(fields('telegram'), [
    ['botToken', true, true],
    ['webhookSecret', false, true],
  ]);
  t.equal(byName.whatsapp!.account, 'phoneNumberId');
  t.same(fields('whatsapp')[0], ['phoneNumberId', true, false], 'the account given comes first');
  t.ok(
    fields('whatsapp').some(([name, required, secret]) => name === 'wabaId' && !required && !secret),
    'an extra is optional and no secret',
  );
  for (const platform of Object.values(byName))
    for (const field of platform.fields) t.ok(field.description, `${platform.name}.${field.name} is described`);
});
