/**
 * One e-mail's words in one language as an admin edits them (docs/emails.md): the subject
 * and body with the message's variables listed, a preview with sample values, a test sent to
 * the admin's own address, saving, and going back to the file's words. The API checks every
 * placeholder; what it refuses is shown at the field it is in.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import type { components } from '../api/generated/schema';
import { describedBy, fieldError, FormGroup, TextField } from './forms';
import { ProblemAlert } from './ProblemAlert';
import { useT } from '../i18n/useT';

type Template = components['schemas']['EmailTemplate'];
type Preview = components['schemas']['EmailTemplatePreview'];
/** Each template language by its own name, in every language of the page. */
export const LANGUAGE_NAMES: Record<Template['language'], string> = { en: 'English', es: 'Español' };

export function TemplateEditor({ template, onSaved }: { template: Template; onSaved: (text: string) => void }) {
  const t = useT();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const [preview, setPreview] = useState<Preview | undefined>();
  const [sentTo, setSentTo] = useState('');
  const queryClient = useQueryClient();
  const path = { params: { path: { id: template.id, language: template.language } } };
  const draft = { subject, body };
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['templates'] });

  const previewIt = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/templates/{id}/{language}/preview', { ...path, body: draft })),
    onSuccess: (p) => setPreview(p),
  });
  const testIt = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/templates/{id}/{language}/test', { ...path, body: draft })),
    onSuccess: (p) => {
      setPreview(p);
      setSentTo(p.sentTo);
    },
  });
  const save = useMutation({
    mutationFn: () => ok(api.PUT('/api/v1/templates/{id}/{language}', { ...path, body: draft })),
    onSuccess: async () => {
      await refresh();
      onSaved(t('template.saved', { language: LANGUAGE_NAMES[template.language], id: template.id }));
    },
  });
  const reset = useMutation({
    mutationFn: () => ok(api.DELETE('/api/v1/templates/{id}/{language}', path)),
    onSuccess: async () => {
      await refresh();
      onSaved(t('template.reset', { language: LANGUAGE_NAMES[template.language], id: template.id }));
    },
  });
  // The problem of the last thing tried: the field it names shows it.
  const error = [save, previewIt, testIt, reset].find((m) => m.isError)?.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const bodyError = fieldError(error, 'body');
  const busy = save.isPending || previewIt.isPending || testIt.isPending || reset.isPending;

  return (
    <form className="usa-form usa-form--large" aria-label={t('template.words', { id: template.id })} onSubmit={submit}>
      <p>
        {template.from === 'override'
          ? t('template.override', { version: String(template.version ?? ''), by: template.updatedBy ?? '' })
          : t('template.file')}
        {template.wordsLanguage !== template.language
          ? ` ${t('template.noWords', { language: LANGUAGE_NAMES[template.language] })}`
          : ''}
      </p>
      <h3 className="font-sans-sm">{t('template.variables')}</h3>
      <ul className="usa-list" aria-label={t('template.variablesList')}>
        {template.variables.map((v) => (
          <li key={v}>
            <code>{`{{${v}}}`}</code>
          </li>
        ))}
      </ul>
      <TextField
        id="template-subject"
        label={t('template.subject')}
        value={subject}
        maxLength={300}
        error={fieldError(error, 'subject')}
        onChange={setSubject}
      />
      <FormGroup id="template-body" label={t('template.body')} hint={t('template.bodyHint')} error={bodyError}>
        <textarea
          className="usa-textarea mf-template-body"
          id="template-body"
          rows={12}
          required
          value={body}
          aria-describedby={describedBy('template-body', 'hint', bodyError)}
          onChange={(e) => setBody(e.target.value)}
        />
      </FormGroup>
      <ProblemAlert error={error} heading={t('template.refused')} />
      <ul className="usa-button-group margin-top-3">
        <li className="usa-button-group__item">
          <button type="submit" className="usa-button" disabled={busy}>
            {t('template.save')}
          </button>
        </li>
        <li className="usa-button-group__item">
          <button
            type="button"
            className="usa-button usa-button--outline"
            disabled={busy}
            onClick={() => previewIt.mutate()}
          >
            {t('template.preview')}
          </button>
        </li>
        <li className="usa-button-group__item">
          <button
            type="button"
            className="usa-button usa-button--outline"
            disabled={busy}
            onClick={() => testIt.mutate()}
          >
            {t('template.test')}
          </button>
        </li>
        {template.overridden ? (
          <li className="usa-button-group__item">
            <button
              type="button"
              className="usa-button usa-button--secondary"
              disabled={busy}
              onClick={() => reset.mutate()}
            >
              {t('template.goBack')}
            </button>
          </li>
        ) : null}
      </ul>
      <div role="status">{sentTo ? <p>{t('template.sent', { to: sentTo })}</p> : null}</div>
      {preview ? (
        <section aria-labelledby="preview-heading" className="margin-top-3">
          <h3 id="preview-heading">{t('template.previewTitle')}</h3>
          <p>
            <strong>{t('template.subjectIs')}</strong> {preview.subject}
          </p>
          <pre className="mf-template-preview" aria-label={t('template.previewBody')}>
            {preview.body}
          </pre>
        </section>
      ) : null}
    </form>
  );
}
