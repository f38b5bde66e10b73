/**
 * A program's referral settings, for its staff (docs/processes/mentor-referral.md): whether it takes volunteers
 * from the partnership's referral system, the counties it serves, online mentoring, its
 * languages and the youth ages it serves. What the directory shows and the referral ranks by.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { commaList as list, fieldError, FormGroup, TextField } from './forms';
import { ProblemAlert } from './ProblemAlert';
import { useT } from '../i18n/useT';

export interface Settings {
  accepting: boolean;
  counties: string[];
  virtual: boolean;
  languages: string[];
  youthAges: { min: number; max: number } | null;
}

export function ReferralSettings({
  programId,
  county,
  saved,
}: {
  programId: string;
  county: string;
  saved?: Settings;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [f, setF] = useState({
    accepting: saved?.accepting ?? false,
    counties: (saved?.counties.length ? saved.counties : [county]).join(', '),
    virtual: saved?.virtual ?? false,
    languages: (saved?.languages ?? ['English']).join(', '),
    min: String(saved?.youthAges?.min ?? 8),
    max: String(saved?.youthAges?.max ?? 18),
  });
  const save = useMutation({
    mutationFn: () =>
      ok(
        api.PUT('/api/v1/programs/{programId}/referrals', {
          params: { path: { programId } },
          body: {
            accepting: f.accepting,
            counties: list(f.counties),
            virtual: f.virtual,
            languages: list(f.languages),
            youthAges: { min: Number(f.min), max: Number(f.max) },
          },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['program', programId] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const err = (name: string) => fieldError(save.error, name);
  const box = (k: 'accepting' | 'virtual', label: string) => (
    <div className="usa-checkbox margin-top-2">
      <input
        className="usa-checkbox__input"
        id={`referrals-${k}`}
        type="checkbox"
        checked={f[k]}
        onChange={(e) => setF({ ...f, [k]: e.target.checked })}
      />
      <label className="usa-checkbox__label" htmlFor={`referrals-${k}`}>
        {label}
      </label>
    </div>
  );
  return (
    <form className="usa-form usa-form--large" onSubmit={submit} aria-labelledby="referrals-heading">
      <h2 id="referrals-heading">{t('refSettings.heading')}</h2>
      {box('accepting', t('refSettings.accepting'))}
      <TextField
        id="referrals-counties"
        label={t('refSettings.counties')}
        hint={t('refSettings.commas')}
        value={f.counties}
        error={err('counties')}
        onChange={(v) => setF({ ...f, counties: v })}
      />
      {box('virtual', t('refSettings.virtual'))}
      <TextField
        id="referrals-languages"
        label={t('refSettings.languages')}
        hint={t('refSettings.commas')}
        required={false}
        value={f.languages}
        error={err('languages')}
        onChange={(v) => setF({ ...f, languages: v })}
      />
      <FormGroup id="referrals-min" label={t('refSettings.min')} error={err('youthAges.min')}>
        <input
          className="usa-input usa-input--small"
          id="referrals-min"
          type="number"
          min={5}
          max={24}
          required
          value={f.min}
          onChange={(e) => setF({ ...f, min: e.target.value })}
        />
      </FormGroup>
      <FormGroup id="referrals-max" label={t('refSettings.max')} error={err('youthAges.max')}>
        <input
          className="usa-input usa-input--small"
          id="referrals-max"
          type="number"
          min={5}
          max={24}
          required
          value={f.max}
          onChange={(e) => setF({ ...f, max: e.target.value })}
        />
      </FormGroup>
      <ProblemAlert error={save.error} heading={t('refSettings.refused')} />
      {save.isSuccess ? (
        <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t('refSettings.saved')}</p>
          </div>
        </div>
      ) : null}
      <button type="submit" className="usa-button margin-top-2" disabled={save.isPending}>
        {t('refSettings.save')}
      </button>
    </form>
  );
}
