// The dashboard's browser module, served as-is at /dashboard.js (see page.ts for why it is a string).
// It builds every node with createElement and textContent: message data never reaches innerHTML.
// No backticks or dollar-brace inside, so this template literal holds the code verbatim.

import { CHANNEL_FILTER_JS } from './channel-filter.js';
import { CONTACT_PANEL_JS } from './contact-panel.js';
import { REPLY_BOX_JS } from './reply-box.js';
import { USERS_ADMIN_JS } from './users-admin.js';

export const DASHBOARD_JS =
  String.raw`
const $ = (id) => document.getElementById(id);
const TICKS = { queued: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓', played: '✓✓', failed: '✗' };
let openId = null;
let openPlatform = null;
let me = null;
let myRole = null;
let searchTimer = null;
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
  if (!response.ok) {
    const answer = await response.json().catch(() => null);
    throw new Error(answer?.error?.message ?? path + ': ' + response.status);
  }
  return response.json();
}

/** The answer's JSON when the request succeeded; else null, with the API's reason shown in errorBox. */
async function answerOrShowError(response, failed, errorBox) {
  if (response.status === 401) showLogin();
  const answer = await response.json().catch(() => null);
  if (response.ok) return answer;
  errorBox.textContent = answer?.error?.message ?? failed + ' (' + response.status + ')';
  return null;
}

function showLogin() {
  for (const id of ['topbar', 'inbox', 'users']) $(id).hidden = true;
  $('login').hidden = false;
}

/** After a login or a reload: who the caller is decides which channels it is offered and whether it has the admin's screens. */
async function showInbox() {
  ({ agent: me, role: myRole } = await api('/me'));
  $('whoami').textContent = (me?.name ?? '') + ' · ' + myRole;
  $('screens').hidden = myRole !== 'admin';
  $('login').hidden = true;
  $('topbar').hidden = false;
  showScreen('inbox');
  await Promise.all([loadConversations(), loadChannels()]);
  listen();
}

/** The list's query before the agent touches the filters: every open conversation. */
const UNFILTERED = 'limit=100&status=open';

/** The list's query from the filter form; search waits for three characters (the API's minimum). */
function listQuery() {
  const query = new URLSearchParams({ limit: '100' });
  const text = $('search').value.trim();
  if (text.length >= 3) query.set('q', text);
  if ($('status').value) query.set('status', $('status').value);
  if ($('channel').value) query.set('channel', $('channel').value);
  if ($('unread-only').checked) query.set('unread', 'true');
  return query.toString();
}

async function loadConversations() {
  const request = ++listRequest;
  const query = listQuery();
  const { conversations } = await api('/conversations?' + query);
  if (request !== listRequest) return; // a newer reload owns the list
  $('empty').hidden = conversations.length > 0;
  $('empty').textContent = query === UNFILTERED ? 'No conversations yet.' : 'No conversations match these filters.';
  $('conversations').replaceChildren(...conversations.map(conversationItem));
}

function conversationItem(c) {
  const classes = 'conversation' + (c.unread ? ' unread' : '') + (c.status === 'closed' ? ' closed' : '');
  const button = el('button', { type: 'button', class: classes, 'data-id': String(c.id) },
    el('span', { class: 'contact' }, c.contactName ?? c.contactUsername ?? c.conversationKey),
    el('span', { class: 'time' }, new Date(c.lastMessageAt).toLocaleString()),
    el('span', { class: 'platform' }, c.platform + ' · ' + channelLabel(c)),
    el('span', { class: 'platform' }, c.unread ? 'unread' : ''));
  if (c.id === openId) button.setAttribute('aria-current', 'true');
  button.addEventListener('click', () => openConversation(c));
  return el('li', {}, button);
}

async function openConversation(c) {
  openId = c.id;
  openPlatform = c.platform;
  $('reply').hidden = false;
  $('inbox').dataset.view = 'thread';
  $('conversation-title').textContent = (c.contactName ?? c.contactUsername ?? c.conversationKey) + ' · ' + c.platform + ' · ' + channelLabel(c);
  for (const button of document.querySelectorAll('.conversation')) {
    button.setAttribute('aria-current', String(button.dataset.id === String(c.id)));
  }
  await Promise.all([loadDetails(), loadMessages()]);
}

/** The thread header's workflow state and the contact panel, from the conversation's details. */
async function loadDetails() {
  const conversation = await api('/conversations/' + openId);
  if (conversation.id !== openId) return;
  showWorkflow(conversation);
  const contact = conversation.contact;
  const rows = contact ? [['Name', contact.displayName ?? '—'], ['Username', contact.username ?? '—'],
    ['Platform', contact.platform], ['Account', contact.account ?? '—'],
    ['Platform id', contact.externalId], ['First seen', new Date(contact.createdAt).toLocaleString()],
    ['Conversations', String(contact.conversationIds.length)]] : [['Contact', 'unknown']];
  if (contact?.mergedContacts.length) {
    rows.push(['Also on', contact.mergedContacts.map((m) => m.platform + (m.displayName ? ' (' + m.displayName + ')' : '')).join(', ')]);
  }
  // The profile picture (Messenger, Instagram), served by the API like an attachment.
  const picture = contact?.avatarUrl
    ? [el('dt', {}, 'Picture'), el('dd', {}, el('img', { src: contact.avatarUrl, alt: '', width: '48', height: '48' }))]
    : [];
  $('contact-details').replaceChildren(...picture, ...rows.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]),
    ...otherConversations(contact));
}

function showWorkflow(c) {
  $('thread-actions').hidden = false;
  $('assignee').textContent = c.assignee ? 'Assigned to ' + c.assignee.name : 'Unassigned';
  const mine = me !== null && c.assignee?.id === me.id;
  $('assign-me').textContent = mine ? 'Unassign' : 'Assign to me';
  $('assign-me').hidden = me === null;
  $('assign-me').dataset.agentId = mine ? '' : String(me?.id ?? '');
  $('close').hidden = c.status === 'closed';
  $('reopen').hidden = c.status !== 'closed';
}

/** Assign, close or reopen the open conversation, then redraw from the answer. */
async function act(action, body = {}) {
  const conversation = await api('/conversations/' + openId + '/' + action,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  showWorkflow(conversation);
  await loadConversations();
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

/**
 * One attachment as Omni fetched it: a stored image inline, audio and video with players, anything
 * else as a download link; a placeholder while pending, the reason when it failed, a note once erased.
 */
function attachmentView(a) {
  const kind = a.contentKind;
  if (a.state === 'pending') return el('span', { class: 'attachment pending' }, 'Fetching ' + kind + '…');
  if (a.state === 'failed') return el('span', { class: 'attachment failed', title: a.reason ?? '' }, kind + ' unavailable: ' + (a.reason ?? 'unknown'));
  if (a.state === 'erased') return el('span', { class: 'attachment erased' }, kind + ' erased');
  const src = '/api/media/' + a.id;
  const mime = a.mimeType ?? '';
  if (mime.startsWith('image/') && !mime.startsWith('image/svg')) return el('img', { class: 'attachment', src, alt: kind });
  if (mime.startsWith('audio/')) return el('audio', { class: 'attachment', src, controls: '', preload: 'metadata' });
  if (mime.startsWith('video/')) return el('video', { class: 'attachment', src, controls: '', preload: 'metadata' });
  const size = a.size === null ? '' : ' (' + Math.ceil(a.size / 1024) + ' KB)';
  return el('a', { class: 'attachment document', href: src, download: a.filename ?? '' }, (a.filename ?? 'Download ' + kind) + size);
}

/** What a message shows: its text, its media (or a placeholder before Omni has fetched any), or a reaction's emoji. */
function messageBody(m) {
  const content = m.content ?? {};
  const kind = m.contentKind ?? content.kind ?? m.type;
  if (kind === 'reaction') return el('span', { class: 'reaction', title: 'reaction' }, content.reaction?.emoji ?? m.text ?? '');
  if (content.media || ['image', 'video', 'audio', 'voice', 'document', 'sticker'].includes(kind)) {
    const caption = content.caption ?? m.text;
    const attachments = m.attachments ?? [];
    if (attachments.length === 0) return el('span', { class: 'media' }, '[' + kind + ' ' + (content.media?.id ?? '') + ']' + (caption ? ' ' + caption : ''));
    return el('span', { class: 'media' }, ...attachments.map(attachmentView), caption ? el('span', { class: 'caption' }, caption) : null);
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
  // Another agent assigned, closed, reopened or read a conversation.
  events.addEventListener('conversation.updated', (event) => {
    const { conversationId } = JSON.parse(event.data);
    loadConversations().catch(console.error);
    if (conversationId === openId) loadDetails().catch(console.error);
  });
  // A processed item or a finished job, whatever it changed: redraw the list and, if it may touch
  // the open thread, the thread (a status names its message, not always its conversation).
  const onItem = (event) => {
    const item = JSON.parse(event.data);
    loadConversations().catch(console.error);
    if (item.conversationId === openId || item.kind === 'status') loadMessages().catch(console.error);
  };
  for (const name of ['conversation.created', 'message.received', 'message.updated', 'status.changed', 'event.received']) {
    events.addEventListener(name, onItem);
  }
}

$('assign-me').addEventListener('click', (event) => {
  const agentId = event.target.dataset.agentId;
  act('assign', { agentId: agentId ? Number(agentId) : null }).catch(console.error);
});
$('close').addEventListener('click', () => act('close').catch(console.error));
$('reopen').addEventListener('click', () => act('reopen').catch(console.error));
$('show-contact').addEventListener('click', () => {
  $('contact').hidden = !$('contact').hidden;
  $('show-contact').setAttribute('aria-expanded', String(!$('contact').hidden));
});
$('back').addEventListener('click', () => { delete $('inbox').dataset.view; });
$('filters').addEventListener('submit', (event) => event.preventDefault());
$('filters').addEventListener('change', () => loadConversations().catch(console.error));
// Typing reloads once the agent pauses, not on every key.
$('search').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => loadConversations().catch(console.error), 250);
});

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
` +
  CHANNEL_FILTER_JS +
  CONTACT_PANEL_JS +
  REPLY_BOX_JS +
  USERS_ADMIN_JS;
