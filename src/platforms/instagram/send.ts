import type { GraphTarget } from '../meta/graph-send.js';
import { createMessagingSender } from '../meta/messaging/send.js';
import type { PlatformSender } from '../types.js';

/** Sends Instagram replies through the Send API with the Instagram access token. */
export function createInstagramSender(target: GraphTarget): PlatformSender {
  return createMessagingSender('instagram', target);
}
