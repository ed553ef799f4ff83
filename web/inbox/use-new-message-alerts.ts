// Browser notifications of customers' new messages in the agent's inboxes (the event stream carries
// only the caller's channels), once the agent has allowed them.

import { useState } from 'preact/hooks';
import { api, logFailure } from '../api.js';
import type { ConversationSummary } from '../api-types.js';
import { contactLabel } from '../format.js';
import { navigate } from '../navigation.js';
import { STRINGS } from '../strings.js';
import type { ItemEvent } from './live-updates.js';
import { isNewMessage } from './alerts.js';

/** The page's permission to notify, or 'unsupported' in a browser without notifications. */
type Permission = NotificationPermission | 'unsupported';

const permissionNow = (): Permission => ('Notification' in window ? Notification.permission : 'unsupported');

export interface NewMessageAlerts {
  permission: Permission;
  /** Asks the browser for permission: call it from a click, since browsers ignore a request without one. */
  ask(): void;
  /** An item event from the stream: a customer's new message raises a notification. */
  announce(item: ItemEvent, openId: number | null): void;
}

/**
 * A new message notifies unless the agent is looking at its conversation already (the tab shown,
 * the conversation open). The event holds no text, so the notification reads the conversation
 * through the API: its contact, and its last message if that is still the customer's. Clicking the
 * notification opens the conversation.
 */
export function useNewMessageAlerts(): NewMessageAlerts {
  const [permission, setPermission] = useState<Permission>(permissionNow);
  const ask = () => {
    if (permission === 'unsupported') return;
    Notification.requestPermission().then(setPermission).catch(logFailure);
  };
  const announce = (item: ItemEvent, openId: number | null) => {
    if (permissionNow() !== 'granted' || !isNewMessage(item) || typeof item.conversationId !== 'number') return;
    const id = item.conversationId;
    if (id === openId && document.visibilityState === 'visible') return;
    api<ConversationSummary>(`/conversations/${id}`)
      .then((c) => {
        if (c.lastMessage?.direction !== 'inbound') return;
        const notification = new Notification(STRINGS.notifications.title(contactLabel(c)), {
          body: c.lastMessage.text ?? STRINGS.notifications.media,
          tag: `conversation-${id}`,
        });
        notification.onclick = () => {
          window.focus();
          navigate(`/conversations/${id}`);
          notification.close();
        };
      })
      .catch(logFailure);
  };
  return { permission, ask, announce };
}
