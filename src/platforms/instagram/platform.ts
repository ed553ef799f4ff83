import { metaChannelShape } from '../meta/channel-shape.js';
import { createMessagingPlatform } from '../meta/messaging/messaging-platform.js';
import { INSTAGRAM_REPLY_RULES } from '../meta/messaging/reply-rules.js';
import { extractInstagram } from './extract.js';

/** Instagram: a professional account's direct messages, with the Instagram access token. */
export const instagram = createMessagingPlatform({
  name: 'instagram',
  channel: metaChannelShape(
    { name: 'instagramId', flag: '--instagram-id', value: '<id>', description: 'the Instagram account id' },
    {
      secretVariables: ['INSTAGRAM_APP_SECRET', 'INSTAGRAM_VERIFY_TOKEN'],
      tokenVariable: 'INSTAGRAM_ACCESS_TOKEN',
      sendsPerSecondVariable: 'INSTAGRAM_SENDS_PER_SECOND',
    },
  ),
  extract: (body) => extractInstagram(body),
  mediaHosts: ['*.cdninstagram.com', '*.fbcdn.net'],
  replyRules: INSTAGRAM_REPLY_RULES,
});
