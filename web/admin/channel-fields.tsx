import { ASSIGNMENT_MODES, type ChannelFieldInfo } from '../api-types.js';
import { STRINGS } from '../strings.js';

const S = STRINGS.channels;

/**
 * One of a platform's fields as an input, starting from `value` (uncontrolled: a redraw keeps what
 * was typed). A secret is a password box that never holds a stored value.
 */
export function FieldInput(props: {
  field: ChannelFieldInfo;
  label?: string;
  required?: boolean;
  value?: string;
  placeholder?: string;
}) {
  const { field } = props;
  const label = props.label ?? field.name;
  return field.secret ? (
    <label title={field.description}>
      {label}{' '}
      <input
        name={field.name}
        type="password"
        autocomplete="new-password"
        placeholder={props.placeholder}
        required={props.required}
      />
    </label>
  ) : (
    <label title={field.description}>
      {label}{' '}
      <input name={field.name} type="text" autocomplete="off" required={props.required} defaultValue={props.value} />
    </label>
  );
}

/** The fields every channel has besides its platform's: its send cap and how conversations are handed out. */
export function CommonFields(props: { sendsPerSecond?: number | null; assignment?: string }) {
  return (
    <>
      <label>
        {S.sendsPerSecond}{' '}
        <input
          name="sendsPerSecond"
          type="number"
          min="1"
          placeholder={S.platformDefault}
          defaultValue={String(props.sendsPerSecond ?? '')}
        />
      </label>
      <label>
        {S.assignment}{' '}
        <select name="assignment">
          {ASSIGNMENT_MODES.map((mode) => (
            <option key={mode} value={mode} selected={mode === (props.assignment ?? 'manual')}>
              {mode}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

/** A form's text fields by name. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') values[name] = value;
  return values;
}
