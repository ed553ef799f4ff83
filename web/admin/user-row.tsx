import { useState } from 'preact/hooks';
import { jsonRequest, request } from '../api.js';
import { type Channel, ROLES, type Role, type User } from '../api-types.js';
import { STRINGS } from '../strings.js';

const S = STRINGS.users;

/** A user as stored, in words: the note after a change says what the API now holds. */
export function describeUser(u: User): string {
  const channels = u.channels.map((c) => `${c.name} · ${c.platform}`).join(', ') || S.noChannels;
  return `${u.email} (${u.role}${u.disabled ? `, ${S.disabled}` : ''}; ${channels})`;
}

/** A checkbox per channel, ticked for the chosen ids; each box's value is its channel's id. */
export function ChannelChoices(props: { channels: Channel[]; chosen?: number[]; onToggle?: (id: number) => void }) {
  return (
    <>
      {props.channels.map((c) => (
        <label key={c.id} class="choice">
          <input
            type="checkbox"
            name="channel"
            value={String(c.id)}
            checked={props.chosen?.includes(c.id)}
            onChange={() => props.onToggle?.(c.id)}
          />{' '}
          {`${c.name} · ${c.platform}`}
        </label>
      ))}
    </>
  );
}

export function RoleOptions() {
  return (
    <>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </>
  );
}

interface UserRowProps {
  user: User;
  channels: Channel[];
  /** The API stored a change: the user as it now is, and what to say of it. */
  onChanged: (user: User, note: string) => void;
  onRefused: (error: string) => void;
}

/**
 * One user's row: its role and channels editable (Save sends both), and Disable or Enable. The
 * screen redraws the row from the API's answer, so it shows what was stored, not what was ticked.
 */
export function UserRow({ user: u, channels, onChanged, onRefused }: UserRowProps) {
  const [role, setRole] = useState<Role>(u.role);
  const [chosen, setChosen] = useState(u.channels.map((c) => c.id));
  const toggle = (id: number) => setChosen((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  const change = async (changes: object, done: string) => {
    const answer = await request<{ user: User }>(`/users/${u.id}`, jsonRequest('PATCH', changes), S.notSaved);
    if (answer.ok) onChanged(answer.answer.user, `${done} ${describeUser(answer.answer.user)}.`);
    else onRefused(answer.error);
  };
  return (
    <tr data-id={String(u.id)} class={u.disabled ? 'disabled' : ''}>
      <td>{u.email}</td>
      <td>{u.name}</td>
      <td>
        <select
          name="role"
          aria-label={S.roleOf(u.email)}
          value={role}
          onChange={(event) => setRole((event.currentTarget as HTMLSelectElement).value as Role)}
        >
          <RoleOptions />
        </select>
      </td>
      <td>
        <div class="choices">
          <ChannelChoices channels={channels} chosen={chosen} onToggle={toggle} />
        </div>
      </td>
      <td class="state">{u.disabled ? S.disabled : S.active}</td>
      <td>
        <button type="button" onClick={() => change({ role, channelIds: chosen }, S.saved).catch(console.error)}>
          {S.save}
        </button>
        <button
          type="button"
          onClick={() =>
            change({ disabled: !u.disabled }, u.disabled ? S.wasEnabled : S.wasDisabled).catch(console.error)
          }
        >
          {u.disabled ? S.enable : S.disable}
        </button>
      </td>
    </tr>
  );
}
