import { useState } from 'preact/hooks';

/**
 * An admin screen's two lines: what the API last stored (a note) or why it refused (an error), one
 * at a time, so a refusal never sits beside an older success.
 */
export function useScreenNotes() {
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  return {
    note,
    error,
    say: (text: string) => {
      setNote(text);
      setError('');
    },
    refused: (reason: string) => {
      setNote('');
      setError(reason);
    },
  };
}

/** The note (`#<prefix>-note`, polite) and the error (`#<prefix>-error`, an alert) of a screen. */
export function ScreenNotes({ prefix, note, error }: { prefix: string; note: string; error: string }) {
  return (
    <>
      <p id={`${prefix}-note`} class="screen-note" role="status">
        {note}
      </p>
      <p id={`${prefix}-error`} class="screen-error" role="alert">
        {error}
      </p>
    </>
  );
}

/**
 * A secret the API answers only once (a new token, a signing secret): shown read-only for copying
 * until the screen is left or reloaded, since nothing can show it again.
 */
export function OnceSecret(props: { id: string; label: string; value: string; warning: string }) {
  return (
    <section id={props.id} class="once-secret">
      <label>
        {props.label} <input readOnly value={props.value} size={60} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <p>{props.warning}</p>
    </section>
  );
}
