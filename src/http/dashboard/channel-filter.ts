// The dashboard's channels: the filter's choices and how a conversation names its channel. Appended
// to the dashboard module (client.ts), whose helpers ($, el, api) it uses. Same rules: no
// backticks or dollar-brace inside. Function declarations only, as client.ts calls them before this
// part of the module has run.

export const CHANNEL_FILTER_JS = `
/** How a conversation names its channel: its name, marked when removed; "unrouted" when it has none. */
function channelLabel(c) {
  if (!c.channel) return 'unrouted';
  return c.channel.name + (c.channel.removed ? ' (removed)' : '');
}

/**
 * Fills the channel filter from GET /api/channels: the live channels the caller sees (all of them for
 * an admin, its own for an agent; a name is unique within its platform only, so the platform is shown
 * too, and whether it is enabled, which /api/me does not say), then, for an admin, the conversations no
 * channel holds. Keeps the agent's choice across a reload.
 */
async function loadChannels() {
  const { channels } = await api('/channels');
  const select = $('channel');
  const chosen = select.value;
  const unrouted = myRole === 'admin' ? [el('option', { value: 'unrouted' }, 'Unrouted')] : [];
  select.replaceChildren(
    el('option', { value: '' }, 'All channels'),
    ...channels.map((c) => el('option', { value: String(c.id) }, c.name + ' · ' + c.platform + (c.enabled ? '' : ' (disabled)'))),
    ...unrouted);
  select.value = [...select.options].some((option) => option.value === chosen) ? chosen : '';
}
`;
