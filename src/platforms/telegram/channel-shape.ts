import type { ChannelShape } from '../channel-shape.js';

/**
 * A Telegram channel is a bot: its token identifies it (`getMe` gives the bot id, the account), and
 * its webhook secret, the `secret_token` given to `setWebhook`, authenticates its updates.
 */
export const TELEGRAM_CHANNEL: ChannelShape = {
  account: {
    learned: { name: 'botId', from: 'botToken', description: "the bot's id, learned from the token's getMe" },
  },
  secrets: [
    {
      name: 'botToken',
      flag: '--bot-token',
      value: '<token>',
      required: true,
      description: "the bot's token; getMe learns the bot from it",
    },
    {
      name: 'webhookSecret',
      flag: '--webhook-secret',
      value: '<secret>',
      required: false,
      description: 'the secret_token Telegram sends with each update; generated (and shown once) when left out',
      format: {
        pattern: /^[A-Za-z0-9_-]{1,256}$/,
        rule: '1 to 256 characters of A-Z, a-z, 0-9, _ and - (as Telegram requires)',
      },
    },
  ],
  extras: [],
  token: 'botToken',
  environment: {
    secretVariables: ['TELEGRAM_WEBHOOK_SECRET'],
    tokenVariable: 'TELEGRAM_BOT_TOKEN',
    sendsPerSecondVariable: 'TELEGRAM_SENDS_PER_SECOND',
  },
};
