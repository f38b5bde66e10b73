/**
 * The fields of a task's data, generated from its JSON Schema (`TaskData_<type>` in
 * /openapi.json): text, numbers, dates, yes/no and choices as inputs; an object as a group
 * of its own fields (a reviewer's findings, one per standard); a list of objects as
 * entries a person adds and removes (a work plan's items). No JSON to type by hand.
 */
import { ChoiceList, isDate, Label, Select, type Choices, type JsonSchema } from './FieldInputs';
import { useT } from '../i18n/useT';
import { useNames } from '../i18n/names';

export type { Choices, JsonSchema };

type Value = unknown;
type Obj = Record<string, Value>;

/** An object with its empty fields dropped; nothing at all when every field is empty. */
const compact = (o: Obj): Obj | undefined => {
  const kept = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return Object.keys(kept).length ? kept : undefined;
};

function ObjectFields({
  schema,
  value,
  onChange,
  idPrefix,
  required,
}: {
  schema: JsonSchema;
  value: Obj;
  onChange: (v: Obj | undefined) => void;
  idPrefix: string;
  required: boolean;
}) {
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([name, s]) => (
        <Field
          key={name}
          name={name}
          schema={s}
          idPrefix={idPrefix}
          value={value[name]}
          required={required && (schema.required?.includes(name) ?? false)}
          onChange={(v) => onChange(compact({ ...value, [name]: v }))}
        />
      ))}
    </>
  );
}

function ListField({
  name,
  schema,
  value,
  onChange,
  id,
}: {
  name: string;
  schema: JsonSchema;
  value: Obj[];
  onChange: (v: Obj[] | undefined) => void;
  id: string;
}) {
  const t = useT();
  const label = useNames()('field', name);
  const item = schema.items ?? {};
  const set = (next: Obj[]) => onChange(next.length ? next : undefined);
  return (
    <fieldset className="usa-fieldset margin-top-2">
      <legend className="usa-legend">{label}</legend>
      {value.map((entry, i) => (
        <fieldset key={i} className="usa-fieldset mf-entry">
          <legend className="usa-legend">
            {label} {i + 1}
          </legend>
          <ObjectFields
            schema={item}
            value={entry}
            idPrefix={`${id}-${i}`}
            required
            onChange={(v) => set(value.map((x, j) => (j === i ? (v ?? {}) : x)))}
          />
          <button
            type="button"
            className="usa-button usa-button--unstyled margin-top-1"
            onClick={() => set(value.filter((_, j) => j !== i))}
          >
            {t('fields.remove', { what: label.toLowerCase(), n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <button type="button" className="usa-button usa-button--outline margin-top-1" onClick={() => set([...value, {}])}>
        {t('fields.addTo', { what: label.toLowerCase() })}
      </button>
    </fieldset>
  );
}

export function Field({
  name,
  schema,
  required,
  value,
  onChange,
  idPrefix,
  choices,
}: {
  name: string;
  schema: JsonSchema;
  required: boolean;
  value: Value;
  onChange: (v: Value) => void;
  idPrefix: string;
  choices?: Choices;
}) {
  const t = useT();
  const names = useNames();
  const fieldName = names('field', name);
  const choice = (v: string) => ({ value: v, label: names('choice', v) });
  const id = `${idPrefix}-${name}`;
  if (schema.type === 'object') {
    return (
      <fieldset className="usa-fieldset margin-top-2">
        <legend className="usa-legend">
          {fieldName}
          {required ? '' : ` ${t('fields.optional')}`}
        </legend>
        <ObjectFields
          schema={schema}
          value={(value ?? {}) as Obj}
          onChange={onChange}
          idPrefix={id}
          required={required}
        />
      </fieldset>
    );
  }
  if (schema.type === 'array' && schema.items?.type === 'string') {
    // Ids the page offers, or the values the schema lists (a call's needs).
    const options = choices?.[name] ?? (schema.items.enum ?? []).map(choice);
    return <ChoiceList name={name} choices={options} value={(value ?? []) as string[]} onChange={onChange} id={id} />;
  }
  if (schema.type === 'array')
    return <ListField name={name} schema={schema} value={(value ?? []) as Obj[]} onChange={onChange} id={id} />;
  if (schema.type === 'boolean') {
    return (
      <div className="usa-checkbox margin-top-2">
        <input
          className="usa-checkbox__input"
          id={id}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label className="usa-checkbox__label" htmlFor={id}>
          {fieldName}
        </label>
      </div>
    );
  }
  const label = <Label id={id} name={name} required={required} />;
  // An id the page offers choices for (the callers a coordinator may assign), or a value the schema lists.
  const options = schema.type === 'string' && choices?.[name] ? choices[name] : schema.enum?.map(choice);
  if (options) {
    return (
      <div className="usa-form-group">
        {label}
        <Select id={id} required={required} options={options} value={String(value ?? '')} onChange={onChange} />
      </div>
    );
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    return (
      <div className="usa-form-group">
        {label}
        <input
          className="usa-input usa-input--small"
          id={id}
          type="number"
          required={required}
          min={schema.minimum}
          max={schema.maximum}
          step={schema.type === 'integer' ? 1 : 0.25}
          value={value === undefined ? '' : String(value)}
          onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      </div>
    );
  }
  if (isDate(schema)) {
    return (
      <div className="usa-form-group">
        {label}
        <input
          className="usa-input usa-input--medium"
          id={id}
          type="date"
          required={required}
          value={String(value ?? '')}
          onChange={(e) => onChange(e.target.value || undefined)}
        />
      </div>
    );
  }
  return (
    <div className="usa-form-group">
      {label}
      <textarea
        className="usa-textarea"
        id={id}
        rows={2}
        required={required}
        maxLength={schema.maxLength}
        value={String(value ?? '')}
        onChange={(e) => onChange(e.target.value || undefined)}
      />
    </div>
  );
}
