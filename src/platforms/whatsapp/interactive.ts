import type { MessageContent } from '../types.js';
import { objectAt, textAt, withoutUndefined, type Untrusted } from '../meta/json.js';
import type { WhatsAppInteractive } from './types.js';

type Choice = Untrusted<{ id: string; title: string; description: string }>;

/**
 * A reply to an interactive message: a reply button, a list row, or a Flow's answer
 * (`nfm_reply`, whose `response_json` is the form data as a JSON string).
 */
export function readInteractive(interactive: Untrusted<WhatsAppInteractive> | undefined): MessageContent {
  const type = textAt(interactive, 'type');
  const button = objectAt(interactive, 'button_reply');
  const row = objectAt(interactive, 'list_reply');
  const flow = objectAt(interactive, 'nfm_reply');
  if (type === 'button_reply' && button) return choice(type, button);
  if (type === 'list_reply' && row) return choice(type, row);
  if (type === 'nfm_reply' && flow) {
    const text = textAt(flow, 'body');
    const reply = withoutUndefined({ id: textAt(flow, 'name'), title: text, payload: textAt(flow, 'response_json') });
    return withoutUndefined({ kind: 'interactive_reply', text, reply, extra: { interactiveType: type } });
  }
  return withoutUndefined({ kind: 'unsupported', extra: withoutUndefined({ interactiveType: type }) });
}

/** A button or a list row: its title is the text, its id what the business defined. */
function choice(type: string, picked: Choice): MessageContent {
  const title = textAt(picked, 'title');
  const extra = withoutUndefined({ interactiveType: type, description: textAt(picked, 'description') });
  return withoutUndefined({
    kind: 'interactive_reply',
    text: title,
    reply: withoutUndefined({ id: textAt(picked, 'id'), title }),
    extra,
  });
}
