import { useState } from 'preact/hooks';
import { api } from './api.js';
import type { Me } from './api-types.js';
import { STRINGS } from './strings.js';

/** The login form: email and password for a session cookie, then who the caller is. */
export function Login({ onLoggedIn }: { onLoggedIn: (me: Me) => void }) {
  const [error, setError] = useState('');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const response = await fetch('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: form.get('email'), password: form.get('password') }),
    });
    if (!response.ok) {
      setError(STRINGS.login.failed(response.status));
      return;
    }
    setError('');
    onLoggedIn(await api<Me>('/me'));
  };
  return (
    <main id="login-screen">
      <form id="login" onSubmit={(event) => submit(event).catch(console.error)}>
        <h1>{STRINGS.appName}</h1>
        <label>
          {STRINGS.login.email} <input name="email" type="email" autocomplete="username" required />
        </label>
        <label>
          {STRINGS.login.password} <input name="password" type="password" autocomplete="current-password" required />
        </label>
        <button type="submit">{STRINGS.login.submit}</button>
        <p id="login-error" role="alert">
          {error}
        </p>
      </form>
    </main>
  );
}
