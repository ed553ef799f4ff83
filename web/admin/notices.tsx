import { useState } from 'preact/hooks';

/** An admin screen's last word: what the API stored (a note) or why it refused (an error), never both. */
export function useNotices() {
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

/** The note (`<id>-note`, announced politely) and the error (`<id>-error`, an alert) of a screen; each hidden when empty. */
export function Notices({ id, note, error }: { id: string; note: string; error: string }) {
  return (
    <>
      <p id={`${id}-note`} class="note" role="status">
        {note}
      </p>
      <p id={`${id}-error`} class="error" role="alert">
        {error}
      </p>
    </>
  );
}
