import type { GraphTarget } from '../meta/graph-send.js';
import { createMessagingSender } from '../meta/messaging/send.js';
import type { PlatformSender } from '../types.js';

/** Sends Messenger replies through the Send API with the Page access token. */
export function createMessengerSender(target: GraphTarget): PlatformSender {
  return createMessagingSender('messenger', target);
}
