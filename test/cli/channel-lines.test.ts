import t from 'tap';
import { channelTable, inFlagWords } from '../../src/cli/commands/channel-lines.js';
import { OmniError } from '../../src/errors.js';

t.test("the service's field names become the CLI's flags", async (t) => {
  const said = (code: 'OMNI_ERR_CHANNEL_INVALID' | 'OMNI_ERR_CHANNEL_ACCOUNT_TAKEN', message: string) =>
    (inFlagWords(new OmniError(code, message)) as Error).message;
  t.equal(
    said('OMNI_ERR_CHANNEL_INVALID', 'instagramId is required for a instagram channel'),
    '--instagram-id is required for a instagram channel',
  );
  t.equal(
    said('OMNI_ERR_CHANNEL_ACCOUNT_TAKEN', 'pageId: messenger account 4 already has a channel'),
    '--page-id: messenger account 4 already has a channel',
  );
  t.equal(
    said(
      'OMNI_ERR_CHANNEL_INVALID',
      'wabaId is not a telegram channel field (it takes platform, name, sendsPerSecond, botToken, webhookSecret)',
    ),
    '--waba-id is not a telegram channel field (it takes --name, --sends-per-second, --bot-token, --webhook-secret)',
  );
  t.equal(
    said('OMNI_ERR_CHANNEL_INVALID', 'No channel is named "name"'),
    'No channel is named "name"',
    'prose stays prose',
  );
  const other = new OmniError('OMNI_ERR_CONFIG_INVALID', 'accessToken: not a channel error');
  t.equal(inFlagWords(other), other, 'errors of other areas pass as they are');
});

t.test(
  "the list table aligns its columns, shows an environment channel as taking any other account, and each channel's last error",
  async (t) => {
    const base = {
      source: 'database' as const,
      wabaId: null,
      sendsPerSecond: null,
      assignment: 'manual' as const,
      assignmentCap: null,
      previousAppSecretUntil: null,
      createdAt: '',
      removedAt: null,
    };
    const health = { lastWebhookAt: null, lastError: null, lastErrorAt: null };
    const lines = channelTable([
      {
        ...base,
        id: 1,
        platform: 'whatsapp',
        name: 'default',
        source: 'environment',
        accountId: null,
        enabled: true,
        health,
        secrets: {},
      },
      {
        ...base,
        id: 12,
        platform: 'telegram',
        name: 'Support',
        accountId: '700',
        enabled: false,
        sendsPerSecond: 3,
        assignment: 'round_robin',
        assignmentCap: 5,
        health: {
          ...health,
          lastError: 'OMNI_ERR_REPLY_REJECTED: Unauthorized',
          lastErrorAt: '2026-01-02T03:04:05.000Z',
        },
        secrets: { botToken: '…abcd' },
      },
    ]);
    t.same(lines, [
      'ID  PLATFORM  NAME     ACCOUNT      ENABLED  SOURCE       SENDS/S  ASSIGNMENT           SECRETS         LAST ERROR',
      '1   whatsapp  default  (any other)  yes      environment  default  manual               -               -',
      '12  telegram  Support  700          no       database     3        round_robin (cap 5)  botToken …abcd  2026-01-02T03:04:05.000Z OMNI_ERR_REPLY_REJECTED: Unauthorized',
    ]);
    t.match(channelTable([]), [/^no channels/]);
  },
);
