import { useState } from 'preact/hooks';
import { bodilessRequest, jsonRequest, type Outcome, request } from '../api.js';
import { STRINGS } from '../strings.js';

const S = STRINGS.labels;

interface LabelChipsProps {
  conversationId: number;
  labels: string[];
  /** The labels as the API answered them after a change: the thread and the list redraw from it. */
  onChanged: (labels: string[]) => void;
}

/**
 * A conversation's labels as chips, each with its remove button, and a box to add one. The API
 * normalises what is typed and answers the labels as they now are; a refusal shows its reason.
 */
export function LabelChips({ conversationId, labels, onChanged }: LabelChipsProps) {
  const [error, setError] = useState('');
  const path = `/conversations/${conversationId}/labels`;
  const changed = (outcome: Outcome<{ labels: string[] }>) => {
    if (!outcome.ok) return setError(outcome.error);
    setError('');
    onChanged(outcome.answer.labels);
  };
  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const label = (form.elements.namedItem('label') as HTMLInputElement).value;
    if (label.trim() === '') return;
    const outcome = await request<{ labels: string[] }>(path, jsonRequest('POST', { label }), S.notAdded);
    if (outcome.ok) form.reset();
    changed(outcome);
  };
  const remove = async (label: string) =>
    changed(
      await request<{ labels: string[] }>(
        `${path}/${encodeURIComponent(label)}`,
        bodilessRequest('DELETE'),
        S.notRemoved,
      ),
    );
  return (
    <section id="labels" aria-label={S.title}>
      <ul class="labels">
        {labels.map((label) => (
          <li key={label} class="label-chip" data-label={label}>
            {label}
            <button type="button" aria-label={S.remove(label)} onClick={() => remove(label).catch(console.error)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form id="add-label" onSubmit={(event) => add(event).catch(console.error)}>
        <input name="label" maxLength={50} placeholder={S.add} aria-label={S.add} />
        <button type="submit">{S.addButton}</button>
      </form>
      <p id="label-error" role="alert">
        {error}
      </p>
    </section>
  );
}
