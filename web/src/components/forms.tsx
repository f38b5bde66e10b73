/** Form fields in USWDS markup, each with its label, hint and the API's message for it when refused. */
import type { ReactNode } from 'react';
import { problemOf } from '../api/client';
import { LANGUAGES } from '../i18n/locale';
import { useT } from '../i18n/useT';

/** The API's message for one field (its `errors[].path` ends with the field's name). */
export function fieldError(error: unknown, name: string): string | undefined {
  return problemOf(error)?.errors?.find((e) => e.path === name || e.path.endsWith(`.${name}`))?.message;
}

export function FormGroup({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <label className={`usa-label${error ? ' usa-label--error' : ''}`} htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="usa-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <span className="usa-error-message" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
      {children}
    </div>
  );
}

/** A comma-separated field as a list (languages, interests). */
export const commaList = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** The aria-describedby of a field with a hint and/or an error. */
export const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** A text input (or a textarea) in its FormGroup: label, hint, the API's message, required or not. */
export function TextField({
  id,
  label,
  value,
  onChange,
  type = 'text',
  required = true,
  hint,
  error,
  multiline = false,
  maxLength,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: string;
  required?: boolean;
  hint?: string;
  error?: string;
  multiline?: boolean;
  maxLength?: number;
}) {
  const common = { id, required, value, maxLength, 'aria-describedby': describedBy(id, hint, error) };
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      {multiline ? (
        <textarea className="usa-textarea" rows={3} {...common} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input className="usa-input" type={type} {...common} onChange={(e) => onChange(e.target.value)} />
      )}
    </FormGroup>
  );
}

/** The languages the API writes e-mails in. */
export type EmailLanguage = 'en' | 'es';
const EMAIL_LANGUAGES = LANGUAGES.filter((l) => l.code === 'en' || l.code === 'es');

/** The language of a person's e-mails: English or Spanish, or (left empty) the language of this page. */
export function EmailLanguageField({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: EmailLanguage | '';
  onChange: (value: EmailLanguage | '') => void;
  error?: string;
}) {
  const t = useT();
  return (
    <FormGroup id={id} label={t('emailLanguage.label')} error={error}>
      <select
        className="usa-select"
        id={id}
        value={value}
        aria-describedby={describedBy(id, undefined, error)}
        onChange={(e) => onChange(e.target.value as EmailLanguage | '')}
      >
        <option value="">{t('emailLanguage.page')}</option>
        {EMAIL_LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}
