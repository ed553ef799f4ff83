// How the open thread's messages change between reloads: pure, tested by calling it.

import type { Message } from './api-types.js';

/**
 * The thread with a message the agent just sent: added at the end, unless a live reload already
 * brought it (then the reloaded copy, with its newer status, stays).
 */
export function withMessage(messages: Message[], message: Message): Message[] {
  return messages.some((shown) => shown.id === message.id) ? messages : [...messages, message];
}
