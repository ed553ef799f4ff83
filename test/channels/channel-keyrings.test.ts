import t from 'tap';
import type { Channel } from '../../src/channels/channel.js';
import type { ChannelDirectory } from '../../src/channels/channel-directory.js';
import { channelKeyrings } from '../../src/channels/channel-keyrings.js';

const bot = (id: number, webhookSecret: string): Channel => ({
  id,
  platform: 'telegram',
  name: `bot ${id}`,
  source: id === 1 ? 'environment' : 'database',
  accountId: id === 1 ? null : String(7000 + id),
  wabaId: null,
  enabled: true,
  sendsPerSecond: 1,
  secrets: { webhookSecret, botToken: `${id}:token` },
});

t.test('two bots sharing a secret are logged once, by channel id and never the secret, until it changes', async (t) => {
  let channels = [bot(1, 'env_Secret'), bot(2, 'env_Secret'), bot(3, 'own_Secret')];
  const listeners = new Set<() => void>();
  const directory: ChannelDirectory = {
    enabled: (platform) => channels.filter((c) => c.platform === platform && c.enabled),
    byId: (id) => channels.find((c) => c.id === id),
    live: () => channels,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh: async () => {
      for (const listener of listeners) listener();
    },
    close: async () => undefined,
  };
  const warnings: { fields: unknown; message: string }[] = [];
  const webhook = channelKeyrings(directory, {
    warn: (fields: unknown, message: string) => warnings.push({ fields, message }),
  } as never);
  t.teardown(webhook.close);

  webhook.keyring('telegram');
  await directory.refresh();
  webhook.keyring('telegram');
  t.equal(warnings.length, 1, 'once, not at each rebuild while it lasts');
  t.match(warnings[0], { fields: { platform: 'telegram' }, message: /channels 1, 2 share one webhook secret/ });
  t.notMatch(JSON.stringify(warnings), /env_Secret/);

  channels = [bot(1, 'env_Secret'), bot(2, 'new_Secret'), bot(3, 'own_Secret')];
  await directory.refresh();
  webhook.keyring('telegram');
  channels = [bot(1, 'env_Secret'), bot(2, 'env_Secret'), bot(3, 'own_Secret')];
  await directory.refresh();
  webhook.keyring('telegram');
  t.equal(warnings.length, 2, 'logged again when it comes back');
});
