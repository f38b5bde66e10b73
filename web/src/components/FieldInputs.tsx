/**
 * The inputs a task's fields are made of (TaskFields.tsx builds a form from the task's JSON
 * Schema with them): the schema's shape, a field's label, a select of offered values, and a
 * list of ids picked as checkboxes.
 */
import { useT } from '../i18n/useT';
import { useNames } from '../i18n/names';

export interface JsonSchema {
  type?: string;
  enum?: string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  items?: JsonSchema;
}

/** A date field: the schema's date pattern or format. */
export const isDate = (s: JsonSchema) => s.pattern === '^\\d{4}-\\d{2}-\\d{2}$' || s.format === 'date';

export function Label({ id, name, required }: { id: string; name: string; required: boolean }) {
  const t = useT();
  const names = useNames();
  return (
    <label className="usa-label" htmlFor={id}>
      {names('field', name)}
      {required ? (
        <abbr title={t('fields.required')} className="usa-hint usa-hint--required">
          {' '}
          *
        </abbr>
      ) : null}
    </label>
  );
}

/** What a list of ids may hold, offered by the page (e.g. the programs a coordinator may pick). */
export type Choices = Record<string, { value: string; label: string }[]>;

/** A list of ids picked from the choices the page offers, as checkboxes. */
export function ChoiceList({
  name,
  choices,
  value,
  onChange,
  id,
}: {
  name: string;
  choices: { value: string; label: string }[];
  value: string[];
  onChange: (v: string[] | undefined) => void;
  id: string;
}) {
  const t = useT();
  const names = useNames();
  const toggle = (v: string, on: boolean) => {
    const next = on ? [...value, v] : value.filter((x) => x !== v);
    onChange(next.length ? next : undefined);
  };
  return (
    <fieldset className="usa-fieldset margin-top-2">
      <legend className="usa-legend">{names('field', name)}</legend>
      {choices.length ? null : <p>{t('fields.nothing')}</p>}
      {choices.map((c) => (
        <div className="usa-checkbox" key={c.value}>
          <input
            className="usa-checkbox__input"
            id={`${id}-${c.value}`}
            type="checkbox"
            checked={value.includes(c.value)}
            onChange={(e) => toggle(c.value, e.target.checked)}
          />
          <label className="usa-checkbox__label" htmlFor={`${id}-${c.value}`}>
            {c.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** One value picked from those offered (an id the page offers, or a value the schema lists). */
export function Select({
  id,
  required,
  options,
  value,
  onChange,
}: {
  id: string;
  required: boolean;
  options: { value: string; label: string }[];
  value: string;
  onChange: (v: string | undefined) => void;
}) {
  const t = useT();
  return (
    <select
      className="usa-select"
      id={id}
      required={required}
      value={value}
      onChange={(e) => onChange(e.target.value || undefined)}
    >
      <option value="">{t('form.select')}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
