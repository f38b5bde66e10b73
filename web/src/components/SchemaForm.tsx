/**
 * A form generated from a JSON Schema (a component of /openapi.json, such as `Policy`): an
 * object as a group of its fields, a map (a schema with `additionalProperties`: mailboxes,
 * task times) as named entries added and removed, a list of numbers or words as one
 * comma-separated field, a list of objects as entries, a choice of shapes
 * (`anyOf`: "5 business days" or "P30D") as a kind to pick, then numbers, yes/no, choices
 * and text. Nothing in it names a field, so whatever the schema gains is offered too. Each
 * field shows the API's message for its path (`errors` keyed like `mentoringLeave.annualCapHours`).
 */
import { useState } from 'react';
import { humanize } from './format';
import { useNames } from '../i18n/names';
import { useT } from '../i18n/useT';
import {
  blank,
  fits,
  idOf,
  isObj,
  shapeName,
  type Errors,
  type FieldProps,
  type Obj,
  type Schema,
} from './schema-shapes';

export type { Errors, Schema };

function ErrorText({ id, message }: { id: string; message?: string }) {
  return message ? (
    <span className="usa-error-message" id={`${id}-error`}>
      {message}
    </span>
  ) : null;
}

export function SchemaField(props: FieldProps) {
  const t = useT();
  const name = useNames();
  const rule = (field: string) => name('rule', field);
  const { path, label, value, onChange, errors, resolve } = props;
  const schema = resolve(props.schema);
  const id = idOf(path);
  const error = errors[path.join('.')];
  if (schema.anyOf) {
    const shapes = schema.anyOf.map(resolve);
    const at = Math.max(
      0,
      shapes.findIndex((s) => fits(s, value)),
    );
    return (
      <fieldset className="usa-fieldset mf-entry">
        <legend className="usa-legend">{label}</legend>
        <label className="usa-label" htmlFor={`${id}-kind`}>
          {t('schema.kindOf', { what: label.toLowerCase() })}
        </label>
        <select
          className="usa-select"
          id={`${id}-kind`}
          value={at}
          onChange={(e) => onChange(blank(shapes[Number(e.target.value)]!))}
        >
          {shapes.map((s, i) => (
            <option key={i} value={i}>
              {shapeName(s, rule, t)}
            </option>
          ))}
        </select>
        <SchemaField {...props} schema={shapes[at]!} label={shapeName(shapes[at]!, rule, t)} />
      </fieldset>
    );
  }
  if (schema.type === 'object' && schema.properties) {
    const o = isObj(value) ? value : {};
    return (
      <fieldset className="usa-fieldset mf-entry">
        <legend className="usa-legend">{label}</legend>
        <ErrorText id={id} message={error} />
        {Object.entries(schema.properties).map(([k, s]) => (
          <SchemaField
            key={k}
            {...props}
            path={[...path, k]}
            label={rule(k)}
            schema={s}
            value={o[k]}
            onChange={(v) => onChange(v === undefined ? omit(o, k) : { ...o, [k]: v })}
          />
        ))}
      </fieldset>
    );
  }
  if (schema.type === 'object') return <MapField {...props} schema={schema} />;
  if (schema.type === 'array' && isScalar(resolve(schema.items ?? {}))) return <ScalarListField {...props} />;
  if (schema.type === 'array') {
    const list = Array.isArray(value) ? value : [];
    const item = resolve(schema.items ?? {});
    return (
      <fieldset className="usa-fieldset mf-entry">
        <legend className="usa-legend">{label}</legend>
        <ErrorText id={id} message={error} />
        {list.map((v, i) => (
          <div key={i} className="margin-bottom-1">
            <SchemaField
              {...props}
              path={[...path, String(i)]}
              label={`${label} ${i + 1}`}
              schema={item}
              value={v}
              onChange={(nv) => onChange(list.map((x, j) => (j === i ? nv : x)))}
            />
            <button
              type="button"
              className="usa-button usa-button--unstyled"
              onClick={() => onChange(list.filter((_, j) => j !== i))}
            >
              {t('fields.remove', { what: label.toLowerCase(), n: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="usa-button usa-button--outline margin-top-1"
          onClick={() => onChange([...list, blank(item)])}
        >
          {t('fields.addTo', { what: label.toLowerCase() })}
        </button>
      </fieldset>
    );
  }
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
          {label}
        </label>
      </div>
    );
  }
  const numeric = schema.type === 'integer' || schema.type === 'number';
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
  };
  return (
    <div className={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <label className={`usa-label${error ? ' usa-label--error' : ''}`} htmlFor={id}>
        {label}
      </label>
      <ErrorText id={id} message={error} />
      {schema.enum ? (
        <select
          className="usa-select"
          {...common}
          value={String(value ?? '')}
          onChange={(e) => onChange(e.target.value)}
        >
          {schema.enum.map((o) => (
            <option key={o} value={o}>
              {humanize(o)}
            </option>
          ))}
        </select>
      ) : (
        <input
          className={`usa-input${numeric ? ' usa-input--small' : ''}${error ? ' usa-input--error' : ''}`}
          {...common}
          type={numeric ? 'number' : schema.format === 'email' ? 'email' : 'text'}
          step={schema.type === 'integer' ? 1 : 'any'}
          value={value === undefined || value === null ? '' : String(value)}
          onChange={(e) =>
            onChange(numeric ? (e.target.value === '' ? undefined : Number(e.target.value)) : e.target.value)
          }
        />
      )}
    </div>
  );
}

const isScalar = (s: Schema) => !s.enum && ['string', 'integer', 'number'].includes(s.type ?? '');

/** A list of numbers or words as one comma-separated field (bargaining units, appointments). */
function ScalarListField({ path, label, schema, value, onChange, errors, resolve }: FieldProps) {
  const t = useT();
  const id = idOf(path);
  const numeric = resolve(schema.items ?? {}).type !== 'string';
  const list = Array.isArray(value) ? value : [];
  const [text, setText] = useState(list.join(', '));
  // The first problem with the list or any of its entries.
  const at = path.join('.');
  const key = Object.keys(errors).find((k) => k === at || k.startsWith(`${at}.`));
  const error = key
    ? `${key === at ? '' : `${t('schema.entry', { n: Number(key.slice(at.length + 1)) + 1 })} `}${errors[key]}`
    : undefined;
  return (
    <div className={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <label className={`usa-label${error ? ' usa-label--error' : ''}`} htmlFor={id}>
        {label}
      </label>
      <div className="usa-hint" id={`${id}-hint`}>
        {t('schema.commas')}
      </div>
      <ErrorText id={id} message={error} />
      <input
        className={`usa-input${error ? ' usa-input--error' : ''}`}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const parts = e.target.value
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean);
          // A word where a number belongs stays a word: the API names the entry.
          onChange(parts.map((x) => (numeric && x !== '' && !Number.isNaN(Number(x)) ? Number(x) : x)));
        }}
      />
    </div>
  );
}

function omit(o: Obj, k: string): Obj {
  const { [k]: _gone, ...rest } = o;
  return rest;
}

/** A map: named entries (a mailbox per role, times per task type), each changed, removed or added. */
function MapField(props: FieldProps) {
  const t = useT();
  const { path, label, schema, value, onChange, resolve } = props;
  const [key, setKey] = useState('');
  const o = isObj(value) ? value : {};
  const entry = resolve(typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {});
  const id = idOf(path);
  return (
    <fieldset className="usa-fieldset mf-entry">
      <legend className="usa-legend">{label}</legend>
      <ErrorText id={id} message={props.errors[path.join('.')]} />
      {Object.entries(o).map(([k, v]) => (
        <div key={k} className="margin-bottom-1">
          <SchemaField
            {...props}
            path={[...path, k]}
            label={k}
            schema={entry}
            value={v}
            onChange={(nv) => onChange({ ...o, [k]: nv })}
          />
          <button type="button" className="usa-button usa-button--unstyled" onClick={() => onChange(omit(o, k))}>
            {t('schema.removeKey', { key: k })}
          </button>
        </div>
      ))}
      <label className="usa-label" htmlFor={`${id}-new`}>
        {t('schema.newEntry', { what: label.toLowerCase() })}
      </label>
      <input className="usa-input" id={`${id}-new`} value={key} onChange={(e) => setKey(e.target.value.trim())} />
      <button
        type="button"
        className="usa-button usa-button--outline margin-top-1"
        disabled={!key || key in o}
        onClick={() => {
          onChange({ ...o, [key]: blank(entry) });
          setKey('');
        }}
      >
        {key ? t('schema.addKey', { key }) : t('schema.addEntry')}
      </button>
    </fieldset>
  );
}
