// The dashboard's browser module, served as-is at /dashboard.js (see page.ts for why it is a string).
// It builds every node with createElement and textContent: message data never reaches innerHTML.
// No backticks or dollar-brace inside, so this template literal holds the code verbatim.

export const DASHBOARD_JS = String.raw`
const $ = (id) => document.getElementById(id);
const TICKS = { queued: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓', played: '✓✓', failed: '✗' };
let openId = null;
let openPlatform = null;
let readUpTo = null;
let listRequest = 0;
let messagesRequest = 0;

/** An element with these attributes and children (strings become text nodes). */
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children.filter((child) => child !== null));
  return node;
}

async function api(path, options = {}) {
  const response = await fetch('/api' + path, options);
  if (response.status === 401) {
    showLogin();
    throw new Error('not logged in');
  }
  if (!response.ok) throw new Error(path + ': ' + response.status);
  return response.json();
}

function showLogin() {
  $('inbox').hidden = true;
  $('login').hidden = false;
}

async function showInbox() {
  $('login').hidden = true;
  $('inbox').hidden = false;
  await loadConversations();
  listen();
}

async function loadConversations() {
  const request = ++listRequest;
  const { conversations } = await api('/conversations?limit=100');
  if (request !== listRequest) return; // a newer reload owns the list
  $('empty').hidden = conversations.length > 0;
  $('conversations').replaceChildren(...conversations.map(conversationItem));
}

function conversationItem(c) {
  const button = el('button', { type: 'button', class: 'conversation' + (c.unread ? ' unread' : ''), 'data-id': String(c.id) },
    el('span', { class: 'contact' }, c.contactName ?? c.conversationKey),
    el('span', { class: 'time' }, new Date(c.lastMessageAt).toLocaleString()),
    el('span', { class: 'platform' }, c.platform),
    el('span', { class: 'platform' }, c.unread ? 'unread' : ''));
  if (c.id === openId) button.setAttribute('aria-current', 'true');
  button.addEventListener('click', () => openConversation(c));
  return el('li', {}, button);
}

async function openConversation(c) {
  openId = c.id;
  openPlatform = c.platform;
  $('reply').hidden = false;
  $('conversation-title').textContent = (c.contactName ?? c.conversationKey) + ' · ' + c.platform;
  for (const button of document.querySelectorAll('.conversation')) {
    button.setAttribute('aria-current', String(button.dataset.id === String(c.id)));
  }
  await loadMessages();
}

async function loadMessages() {
  if (openId === null) return;
  const request = ++messagesRequest;
  const { messages } = await api('/conversations/' + openId + '/messages?limit=100');
  if (request !== messagesRequest) return;
  $('messages').replaceChildren(...messages.map(messageItem));
  $('messages').lastElementChild?.scrollIntoView({ block: 'end' });
  // The agent is looking at it: what is on screen is read, including messages that arrive live.
  const last = messages.at(-1);
  if (last && last.id !== readUpTo) {
    readUpTo = last.id;
    const body = JSON.stringify({ messageId: last.id });
    await api('/conversations/' + openId + '/read', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await loadConversations();
  }
}

/** What a message shows: its text, a placeholder for media, or a reaction's emoji. */
function messageBody(m) {
  const content = m.content ?? {};
  const kind = m.contentKind ?? content.kind ?? m.type;
  if (kind === 'reaction') return el('span', { class: 'reaction', title: 'reaction' }, content.reaction?.emoji ?? m.text ?? '');
  if (content.media || ['image', 'video', 'audio', 'voice', 'document', 'sticker'].includes(kind)) {
    const caption = content.caption ?? m.text;
    return el('span', { class: 'media' }, '[' + kind + ' ' + (content.media?.id ?? '') + ']' + (caption ? ' ' + caption : ''));
  }
  return el('span', { class: 'text' }, m.text ?? '[' + kind + ']');
}

function messageItem(m) {
  const tick = m.deliveryStatus
    ? el('span', { class: 'tick ' + m.deliveryStatus, title: tickTitle(m) }, TICKS[m.deliveryStatus] ?? '')
    : null;
  return el('li', { class: 'message ' + m.direction, 'data-id': String(m.id), 'data-kind': m.contentKind ?? m.type },
    messageBody(m),
    el('span', { class: 'meta' }, new Date(m.platformTimestamp).toLocaleTimeString(), tick));
}

/** A tick's tooltip: the status, and for a failed message the reason the platform or Omni gave. */
function tickTitle(m) {
  const reason = m.deliveryStatus === 'failed' ? (m.deliveryError?.message ?? m.deliveryError?.title) : null;
  return reason ? 'failed: ' + reason : m.deliveryStatus;
}

/**
 * Sends the reply box's text to the open conversation. The message shows at once, queued; its
 * tick then follows the live events. An agent typing is a person answering, so on Messenger and
 * Instagram the reply carries Meta's HUMAN_AGENT tag (used only once the 24-hour window has closed).
 */
async function sendReply(event) {
  event.preventDefault();
  const form = event.target;
  const text = form.elements.text.value;
  if (openId === null || text.trim() === '') return;
  const body = { text };
  if (openPlatform === 'messenger' || openPlatform === 'instagram') body.tag = 'HUMAN_AGENT';
  const response = await fetch('/api/conversations/' + openId + '/messages', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    $('reply-error').textContent = answer?.error?.message ?? 'Not sent (' + response.status + ')';
    return;
  }
  $('reply-error').textContent = '';
  form.reset();
  if (!document.querySelector('.message[data-id="' + answer.message.id + '"]')) $('messages').append(messageItem(answer.message));
  $('messages').lastElementChild?.scrollIntoView({ block: 'end' });
}

/** Live updates: any processed item may reorder the list; one in the open conversation redraws it. */
let events = null;
function listen() {
  if (events) return; // one stream per page, also across a re-login
  events = new EventSource('/api/events');
  // On every (re)connect, reload what may have changed while the stream was down.
  events.addEventListener('open', () => {
    $('inbox').dataset.live = 'true';
    loadConversations().then(loadMessages).catch(console.error);
  });
  events.addEventListener('error', () => { $('inbox').dataset.live = 'false'; });
  // The server could not replay what this stream missed: reload everything instead.
  events.addEventListener('resync', () => loadConversations().then(loadMessages).catch(console.error));
  events.addEventListener('message.received', (event) => {
    const item = JSON.parse(event.data);
    loadConversations().catch(console.error);
    // A status names its message, not always its conversation: redraw to pick up the tick.
    if (item.conversationId === openId || item.kind === 'status') loadMessages().catch(console.error);
  });
}

$('reply').addEventListener('submit', (event) => sendReply(event).catch(console.error));

$('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const response = await fetch('/api/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: form.get('email'), password: form.get('password') }),
  });
  if (!response.ok) {
    $('login-error').textContent = 'Login failed (' + response.status + ')';
    return;
  }
  $('login-error').textContent = '';
  await showInbox();
});

showInbox().catch(() => showLogin());
`;
