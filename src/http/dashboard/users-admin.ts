// The admin's Users screen and the header's screen switch, appended to the dashboard module
// (client.ts), whose helpers ($, el, api, answerOrShowError, myRole) it uses. Same rules: nodes by
// createElement and textContent only, no backticks or dollar-brace inside, function declarations
// only. The API decides what an admin may do (403 for anyone else); this screen only asks it.

import { ROLES } from '../../users/user-rules.js';

export const USERS_ADMIN_JS =
  '\nconst ROLES = ' +
  JSON.stringify(ROLES) +
  ';\n' +
  `
const JSON_HEADERS = { 'content-type': 'application/json' };
/** Every live channel, from GET /api/channels: the memberships an admin can give. */
let adminChannels = [];

/** Shows one screen, the inbox or the users, and marks its button in the header. */
function showScreen(name) {
  $('inbox').hidden = name !== 'inbox';
  $('users').hidden = name !== 'users';
  $('show-inbox').setAttribute('aria-pressed', String(name === 'inbox'));
  $('show-users').setAttribute('aria-pressed', String(name === 'users'));
}

/** What the users screen says of the last change: a note on success, else the API's reason (set by answerOrShowError). */
function usersNote(text) {
  $('users-note').textContent = text;
  $('users-error').textContent = '';
}

/** A user as stored, in words: the note after a change says what the API now holds. */
function describeUser(u) {
  const channels = u.channels.map((c) => c.name + ' · ' + c.platform).join(', ') || 'no channels';
  return u.email + ' (' + u.role + (u.disabled ? ', disabled' : '') + '; ' + channels + ')';
}

/** A checkbox per channel, ticked for chosenIds; the box's name carries the channel's id. */
function channelChoices(chosenIds) {
  return adminChannels.map((c) => {
    const box = el('input', { type: 'checkbox', name: 'channel', value: String(c.id) });
    box.checked = chosenIds.includes(c.id);
    return el('label', { class: 'choice' }, box, ' ' + c.name + ' · ' + c.platform);
  });
}

function checkedChannelIds(container) {
  return [...container.querySelectorAll('input[name=channel]:checked')].map((box) => Number(box.value));
}

function roleSelect(label, value) {
  const select = el('select', { name: 'role', 'aria-label': label }, ...ROLES.map((role) => el('option', { value: role }, role)));
  select.value = value;
  return select;
}

/**
 * One user's row: its role and channels editable (Save sends both), and Disable or Enable. The row
 * is redrawn from the API's answer, so it shows what was stored, not what was ticked.
 */
function userRow(u) {
  const role = roleSelect('Role of ' + u.email, u.role);
  const channels = el('div', { class: 'choices' }, ...channelChoices(u.channels.map((c) => c.id)));
  const save = el('button', { type: 'button' }, 'Save');
  const toggle = el('button', { type: 'button' }, u.disabled ? 'Enable' : 'Disable');
  const row = el('tr', { 'data-id': String(u.id), class: u.disabled ? 'disabled' : '' },
    el('td', {}, u.email), el('td', {}, u.name), el('td', {}, role), el('td', {}, channels),
    el('td', { class: 'state' }, u.disabled ? 'disabled' : 'active'), el('td', {}, save, toggle));
  const change = async (changes, done) => {
    usersNote('');
    const response = await fetch('/api/users/' + u.id, { method: 'PATCH', headers: JSON_HEADERS, body: JSON.stringify(changes) });
    const answer = await answerOrShowError(response, 'Not saved', $('users-error'));
    if (!answer) return;
    row.replaceWith(userRow(answer.user));
    usersNote(done + ' ' + describeUser(answer.user) + '.');
  };
  save.addEventListener('click', () => change({ role: role.value, channelIds: checkedChannelIds(channels) }, 'Saved').catch(console.error));
  toggle.addEventListener('click', () => change({ disabled: !u.disabled }, u.disabled ? 'Enabled' : 'Disabled').catch(console.error));
  return row;
}

/** Fills the users screen: the users, by email, and the channels to tick in each row and in the form. */
async function loadUsers() {
  const [{ users }, { channels }] = await Promise.all([api('/users'), api('/channels')]);
  adminChannels = channels;
  $('user-rows').replaceChildren(...users.map(userRow));
  $('add-user-channels').replaceChildren(el('legend', {}, 'Channels'), ...channelChoices([]));
}

async function addUser(event) {
  event.preventDefault();
  usersNote('');
  const form = event.target;
  const data = new FormData(form);
  const body = {
    email: data.get('email'), name: data.get('name'), role: data.get('role'), password: data.get('password'),
    channelIds: checkedChannelIds(form),
  };
  const response = await fetch('/api/users', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) });
  const answer = await answerOrShowError(response, 'Not added', $('users-error'));
  if (!answer) return;
  form.reset();
  await loadUsers();
  usersNote('Added ' + describeUser(answer.user) + '.');
}

$('add-user').elements.role.replaceChildren(...ROLES.map((role) => el('option', { value: role }, role)));
$('add-user').addEventListener('submit', (event) => addUser(event).catch(console.error));
$('show-inbox').addEventListener('click', () => showScreen('inbox'));
$('show-users').addEventListener('click', () => {
  showScreen('users');
  usersNote('');
  loadUsers().catch((error) => { $('users-error').textContent = error.message; });
});
`;
