import type { ChannelField, ChannelSecretField, ChannelShape } from '../channel-shape.js';

/** What every Meta channel holds: the app's secret and handshake token for webhooks, and a Graph token. */
const META_SECRETS: readonly ChannelSecretField[] = [
  {
    name: 'appSecret',
    flag: '--app-secret',
    value: '<secret>',
    required: true,
    description: 'the Meta app secret webhooks are signed with',
  },
  {
    name: 'verifyToken',
    flag: '--verify-token',
    value: '<token>',
    required: true,
    description: 'the webhook handshake token',
  },
  {
    name: 'accessToken',
    flag: '--access-token',
    value: '<token>',
    required: true,
    description: 'the Graph token replies and media use',
  },
];

/** A Meta channel: the account the operator gives, Meta's three secrets, and the platform's variables. */
export function metaChannelShape(
  account: ChannelField,
  environment: ChannelShape['environment'],
  extras: ChannelShape['extras'] = [],
): ChannelShape {
  return { account: { given: account }, secrets: META_SECRETS, extras, token: 'accessToken', environment };
}
