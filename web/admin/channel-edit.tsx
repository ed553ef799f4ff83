import { useState } from 'preact/hooks';
import { jsonRequest, request } from '../api.js';
import type { AdminChannel, ChannelPlatform, Registration } from '../api-types.js';
import { STRINGS } from '../strings.js';
import { CommonFields, FieldInput, formValues } from './channel-fields.js';
import { describeChannel, editBody, secretState } from './channel-view.js';

const S = STRINGS.channels;

/** A change the API stored: the channel as it now is, and what to say of it. */
export type Changed = (channel: AdminChannel, note: string) => void;

interface ChannelEditProps {
  channel: AdminChannel;
  platform: ChannelPlatform;
  onChanged: Changed;
  onRefused: (error: string) => void;
  onClose: () => void;
}

type Answer = { channel: AdminChannel; registration?: Registration };

/**
 * The edit panel of one channel: its name, its platform's fields but the account, its secrets (each
 * "set" or "not set"; a typed one replaces it, a blank one is kept) and its send cap and assignment.
 * A Telegram channel also registers its bot's webhook at Omni's https address.
 */
export function ChannelEdit({ channel: c, platform, onChanged, onRefused, onClose }: ChannelEditProps) {
  const [base, setBase] = useState(location.protocol === 'https:' ? location.origin : '');
  const patch = (body: object) => request<Answer>(`/channels/${c.id}`, jsonRequest('PATCH', body), S.notSaved);

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const body = editBody(c, platform, formValues(event.currentTarget as HTMLFormElement));
    if (Object.keys(body).length === 0) return onRefused(S.nothingChanged);
    const answer = await patch(body);
    if (answer.ok) onChanged(answer.answer.channel, `${S.saved} ${describeChannel(answer.answer.channel)}.`);
    else onRefused(answer.error);
  };
  const register = async () => {
    const answer = await patch({ register: base.trim() });
    if (!answer.ok) return onRefused(answer.error);
    const registration = answer.answer.registration;
    if (registration?.ok) onChanged(answer.answer.channel, S.registered(registration.url));
    else onRefused(S.notRegistered(registration?.problem ?? ''));
  };

  const others = platform.fields.filter((f) => f.name !== platform.account && !f.required && !f.secret);
  return (
    <section id="edit-channel" aria-label={S.editOf(c.name)}>
      <form class="admin-form" onSubmit={(event) => save(event).catch(console.error)}>
        <h3>{S.editOf(c.name)}</h3>
        <label>
          {S.name} <input name="name" autocomplete="off" defaultValue={c.name} required />
        </label>
        {others.map((field) => (
          <FieldInput key={field.name} field={field} value={String(c[field.name] ?? '')} />
        ))}
        {platform.fields
          .filter((f) => f.secret)
          .map((field) => (
            <FieldInput
              key={field.name}
              field={field}
              label={S.replaceSecret(field.name, secretState(c, field.name))}
              placeholder={S.keepsSecret}
            />
          ))}
        <CommonFields sendsPerSecond={c.sendsPerSecond} assignment={c.assignment} />
        <button type="submit">{S.save}</button>
        <button type="button" onClick={onClose}>
          {S.cancel}
        </button>
      </form>
      {c.platform === 'telegram' && (
        <form
          id="register-webhook"
          class="admin-form"
          onSubmit={(event) => {
            event.preventDefault();
            register().catch(console.error);
          }}
        >
          <label>
            {S.registerBase}{' '}
            <input
              name="register"
              type="url"
              placeholder="https://omni.example.com"
              value={base}
              onInput={(event) => setBase((event.currentTarget as HTMLInputElement).value)}
              required
            />
          </label>
          <button type="submit">{S.register}</button>
        </form>
      )}
    </section>
  );
}
