import { useEffect, useState } from 'preact/hooks';
import { api, jsonRequest, logFailure, request } from '../api.js';
import type { Message, WhatsAppTemplate } from '../api-types.js';
import { STRINGS } from '../strings.js';
import { fillTemplate, previewBody, templateForm } from './template-parameters.js';
import { useOneAtATime } from './use-one-at-a-time.js';

interface TemplatePickerProps {
  conversationId: number;
  /** The conversation's channel: its WABA's templates are offered. */
  channelId: number | null;
  onSent: (message: Message) => void;
}

/**
 * What the reply box offers once WhatsApp's 24-hour window has closed: the channel's approved
 * templates, an input for each parameter (its example as placeholder), a preview of the body,
 * and a send that replies with the filled template. Refusals show the API's reason.
 */
export function TemplatePicker({ conversationId, channelId, onSent }: TemplatePickerProps) {
  const [templates, setTemplates] = useState<WhatsAppTemplate[] | null>(null);
  const [chosenId, setChosenId] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const sending = useOneAtATime();

  useEffect(() => {
    const channel = channelId === null ? '' : `&channel=${channelId}`;
    api<{ templates: WhatsAppTemplate[] }>(`/templates?status=APPROVED&limit=100${channel}`)
      .then(({ templates }) => setTemplates(templates))
      .catch(logFailure);
  }, [channelId]);

  const chosen = templates?.find((template) => String(template.id) === chosenId);
  const form = chosen ? templateForm(chosen.components) : null;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    return sending.run(send);
  };
  const send = async () => {
    if (!chosen || !form || form.mediaHeader) return;
    const components = fillTemplate(form.parameters, values);
    const body = { template: { name: chosen.name, language: chosen.language, components } };
    const path = `/conversations/${conversationId}/messages`;
    const sent = await request<{ message: Message }>(path, jsonRequest('POST', body), STRINGS.templates.notSent);
    if (!sent.ok) return setError(sent.error);
    setError('');
    setValues({});
    setChosenId('');
    onSent(sent.answer.message);
  };

  return (
    <form id="template-reply" aria-describedby="template-window" onSubmit={(e) => submit(e).catch(console.error)}>
      <p id="template-window">{STRINGS.templates.windowClosed}</p>
      {templates && templates.length === 0 ? <p>{STRINGS.templates.none}</p> : null}
      <label>
        {STRINGS.templates.template}
        <select
          name="template"
          value={chosenId}
          onChange={(event) => {
            setChosenId(event.currentTarget.value);
            setValues({});
          }}
        >
          <option value="">{STRINGS.templates.choose}</option>
          {(templates ?? []).map((template) => {
            const media = templateForm(template.components).mediaHeader;
            return (
              <option key={template.id} value={String(template.id)} disabled={media !== undefined}>
                {media
                  ? STRINGS.templates.needsMedia(template.name, template.language, media)
                  : STRINGS.templates.option(template.name, template.language)}
              </option>
            );
          })}
        </select>
      </label>
      {form?.parameters.map((parameter) => (
        <label key={parameter.key}>
          {STRINGS.templates.parameter(parameter.component, parameter.name)}
          <input
            name={parameter.key}
            required
            placeholder={parameter.example}
            value={values[parameter.key] ?? ''}
            onInput={(event) => setValues({ ...values, [parameter.key]: event.currentTarget.value })}
          />
        </label>
      ))}
      {form?.body ? (
        <p id="template-preview">
          <span class="label">{STRINGS.templates.preview}</span> {previewBody(form, values)}
        </p>
      ) : null}
      <button type="submit" disabled={sending.busy || !form || form.mediaHeader !== undefined}>
        {STRINGS.templates.send}
      </button>
      <p id="template-error" role="alert">
        {error}
      </p>
    </form>
  );
}
