import { useEffect, useState } from 'preact/hooks';
import { api, bodilessRequest, jsonRequest, request } from '../api.js';
import type { ApiToken, Channel } from '../api-types.js';
import { formatDateTime } from '../format.js';
import { STRINGS } from '../strings.js';
import { tokenChannels } from './admin-format.js';
import { OnceSecret, ScreenNotes, useScreenNotes } from './screen-notes.js';
import { ChannelChoices, RoleOptions } from './user-row.js';
import { AdminTableHead } from './admin-table-head.js';

const S = STRINGS.tokens;

/**
 * The admin's API tokens screen (/admin/tokens): the active tokens with their role, channels and
 * age, a form to create one, and Revoke. A new token is shown once, from the API's answer, and kept
 * nowhere: a reload or another screen forgets it, as the server (which holds only its hash) has.
 */
export function TokensScreen() {
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [channels, setChannels] = useState<Channel[]>([]);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const { note, error, say, refused } = useScreenNotes();

  const load = async () => {
    const [{ tokens }, { channels }] = await Promise.all([
      api<{ tokens: ApiToken[] }>('/tokens'),
      api<{ channels: Channel[] }>('/channels'),
    ]);
    setTokens(tokens);
    setChannels(channels);
  };
  useEffect(() => {
    load().catch((failure: Error) => refused(failure.message));
  }, []);

  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    say('');
    setCreated(null);
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const role = data.get('role');
    const channelIds = data.getAll('channel').map(Number);
    // An admin token sees every channel: ticked boxes are not sent for it, as the API would refuse them.
    const body = { name: data.get('name'), role, ...(role === 'agent' ? { channelIds } : {}) };
    const answer = await request<{ token: ApiToken; secret: string }>('/tokens', jsonRequest('POST', body), S.notAdded);
    if (!answer.ok) return refused(answer.error);
    form.reset();
    setCreated({ name: answer.answer.token.name, secret: answer.answer.secret });
    await load();
    say(S.createdNote(answer.answer.token.name));
  };

  const revoke = async (token: ApiToken) => {
    const answer = await request(`/tokens/${token.id}`, bodilessRequest('DELETE'), S.notRevoked);
    if (!answer.ok) return refused(answer.error);
    setTokens((all) => all.filter((x) => x.id !== token.id));
    if (created?.name === token.name) setCreated(null);
    say(S.revoked(token.name));
  };

  return (
    <main id="tokens">
      <h2>{S.title}</h2>
      <ScreenNotes prefix="tokens" note={note} error={error} />
      {created && (
        <OnceSecret
          id="new-token"
          label={S.secretLabel(created.name)}
          value={created.secret}
          warning={S.secretWarning}
        />
      )}
      <table>
        <AdminTableHead columns={[S.name, S.role, S.channels, S.created]} />
        <tbody id="token-rows">
          {tokens.map((token) => (
            <tr key={token.id} data-id={String(token.id)}>
              <td>{token.name}</td>
              <td>{token.role}</td>
              <td>{tokenChannels(token)}</td>
              <td>{formatDateTime(token.createdAt)}</td>
              <td>
                <button
                  type="button"
                  aria-label={S.revokeLabel(token.name)}
                  onClick={() => revoke(token).catch(console.error)}
                >
                  {S.revoke}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {tokens.length === 0 && <p class="empty">{S.none}</p>}
      <form id="add-token" class="admin-form" onSubmit={(event) => add(event).catch(console.error)}>
        <h3>{S.add}</h3>
        <label>
          {S.name} <input name="name" autocomplete="off" required maxLength={200} />
        </label>
        <label>
          {S.role}{' '}
          <select name="role">
            <RoleOptions />
          </select>
        </label>
        <fieldset>
          <legend>{S.channels}</legend>
          <ChannelChoices channels={channels} />
        </fieldset>
        <button type="submit">{S.addButton}</button>
      </form>
    </main>
  );
}
