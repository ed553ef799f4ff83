import { metaChannelShape } from '../meta/channel-shape.js';
import { createMessagingPlatform } from '../meta/messaging/messaging-platform.js';
import { MESSENGER_REPLY_RULES } from '../meta/messaging/reply-rules.js';
import { extractMessenger } from './extract.js';

/** Messenger: a Page's conversations, with the Page access token. */
export const messenger = createMessagingPlatform({
  name: 'messenger',
  channel: metaChannelShape(
    { name: 'pageId', flag: '--page-id', value: '<id>', description: 'the Page id' },
    {
      secretVariables: ['MESSENGER_APP_SECRET', 'MESSENGER_VERIFY_TOKEN'],
      tokenVariable: 'MESSENGER_PAGE_ACCESS_TOKEN',
      sendsPerSecondVariable: 'MESSENGER_SENDS_PER_SECOND',
    },
  ),
  extract: (body) => extractMessenger(body),
  mediaHosts: ['*.fbcdn.net', '*.fbsbx.com'],
  replyRules: MESSENGER_REPLY_RULES,
});
