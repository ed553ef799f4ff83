import { useEffect, useState } from 'preact/hooks';
import { api, jsonRequest, request } from '../api.js';
import type { Channel, User } from '../api-types.js';
import { STRINGS } from '../strings.js';
import { ScreenNotes, useScreenNotes } from './screen-notes.js';
import { ChannelChoices, describeUser, RoleOptions, UserRow } from './user-row.js';
import { AdminTableHead } from './admin-table-head.js';

const S = STRINGS.users;

/**
 * The admin's Users screen (/admin/users): every user with its role, channels and state, and a
 * form to add one. The API decides what an admin may do (403 for anyone else); this screen only asks it.
 */
export function UsersScreen() {
  const [users, setUsers] = useState<User[]>([]);
  const [channels, setChannels] = useState<Channel[]>([]);
  const { note, error, say, refused } = useScreenNotes();

  const load = async () => {
    const [{ users }, { channels }] = await Promise.all([
      api<{ users: User[] }>('/users'),
      api<{ channels: Channel[] }>('/channels'),
    ]);
    setUsers(users);
    setChannels(channels);
  };
  useEffect(() => {
    load().catch((failure: Error) => refused(failure.message));
  }, []);

  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    say('');
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const body = {
      email: data.get('email'),
      name: data.get('name'),
      role: data.get('role'),
      password: data.get('password'),
      channelIds: data.getAll('channel').map(Number),
    };
    const answer = await request<{ user: User }>('/users', jsonRequest('POST', body), S.notAdded);
    if (!answer.ok) return refused(answer.error);
    form.reset();
    await load();
    say(`${S.added} ${describeUser(answer.answer.user)}.`);
  };

  return (
    <main id="users">
      <h2>{S.title}</h2>
      <ScreenNotes prefix="users" note={note} error={error} />
      <table>
        <AdminTableHead columns={[S.email, S.name, S.role, S.channels, S.status]} />
        <tbody id="user-rows">
          {users.map((u) => (
            // Keyed by what is stored, so a row the API changed starts again from its answer.
            <UserRow
              key={JSON.stringify(u)}
              user={u}
              channels={channels}
              onChanged={(changed, text) => {
                setUsers((all) => all.map((x) => (x.id === changed.id ? changed : x)));
                say(text);
              }}
              onRefused={refused}
            />
          ))}
        </tbody>
      </table>
      <form id="add-user" class="admin-form" onSubmit={(event) => add(event).catch(console.error)}>
        <h3>{S.add}</h3>
        <label>
          {S.email} <input name="email" type="email" autocomplete="off" required />
        </label>
        <label>
          {S.name} <input name="name" autocomplete="off" required />
        </label>
        <label>
          {S.role}{' '}
          <select name="role">
            <RoleOptions />
          </select>
        </label>
        <label>
          {S.password} <input name="password" type="password" autocomplete="new-password" required />
        </label>
        <fieldset id="add-user-channels">
          <legend>{S.channels}</legend>
          <ChannelChoices channels={channels} />
        </fieldset>
        <button type="submit">{S.addButton}</button>
      </form>
    </main>
  );
}
