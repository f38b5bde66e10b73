/**
 * Out of office (docs/administration.md, "The out-of-office page"): a person sets an absence
 * (from, to, the colleague who stands in), ends it, and hands the open tasks they hold to a
 * colleague in one step, seeing what each case answered. At /out-of-office for oneself and at
 * /people/:personId/out-of-office for an admin acting for someone. The substitutes offered are
 * those the API names; the API still judges the one chosen, and its refusal shows at the field.
 */
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok, problemOf } from '../api/client';
import type { components } from '../api/generated/schema';
import { dateTime } from '../components/format';
import { describedBy, fieldError, FormGroup, TextField } from '../components/forms';
import { Handover } from '../components/Handover';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useSession } from '../session';
import { useT } from '../i18n/useT';

type OutOfOfficeData = components['schemas']['OutOfOffice'];
type Absence = components['schemas']['Absence'];

/** An instant as a datetime-local field shows it (the browser's time zone). */
const localInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

export function OutOfOffice() {
  const t = useT();
  const session = useSession();
  const { personId: routeId } = useParams();
  const personId = routeId ?? session?.person.id ?? '';
  const forSelf = personId === session?.person.id;
  const queryClient = useQueryClient();
  const key = ['out-of-office', personId];
  const page = useQuery({
    queryKey: key,
    queryFn: () => ok(api.GET('/api/v1/people/{personId}/absence', { params: { path: { personId } } })),
  });
  const [notice, setNotice] = useState('');
  const refresh = (text: string) => {
    setNotice(text);
    void queryClient.invalidateQueries({ queryKey: key });
  };
  const name = page.data?.person.name ?? personId;
  return (
    <Page
      title={forSelf ? t('away.title') : t('away.titleFor', { name })}
      lead={forSelf ? t('away.lead') : t('away.leadFor', { name })}
    >
      <div role="status">
        {notice ? (
          <div className="usa-alert usa-alert--success usa-alert--slim margin-y-2">
            <div className="usa-alert__body">
              <p className="usa-alert__text">{notice}</p>
            </div>
          </div>
        ) : null}
      </div>
      <ProblemAlert error={page.error} />
      {page.data ? (
        <>
          <CurrentAbsence personId={personId} absence={page.data.absence} onEnded={refresh} />
          <SetAbsence personId={personId} data={page.data} onSaved={refresh} />
          <Handover
            personId={personId}
            held={page.data.heldTasks}
            colleagues={page.data.substitutes}
            onDone={() => void queryClient.invalidateQueries({ queryKey: key })}
          />
        </>
      ) : null}
    </Page>
  );
}

function CurrentAbsence({
  personId,
  absence,
  onEnded,
}: {
  personId: string;
  absence?: Absence;
  onEnded: (text: string) => void;
}) {
  const t = useT();
  const end = useMutation({
    mutationFn: async () => {
      const { error, response } = await api.DELETE('/api/v1/people/{personId}/absence', {
        params: { path: { personId } },
      });
      if (error !== undefined || !response.ok)
        throw Object.assign(new Error(response.statusText), { problem: error, status: response.status });
    },
    onSuccess: () => onEnded(t('away.ended')),
  });
  return (
    <section aria-labelledby="current-heading">
      <h2 id="current-heading">{t('away.absence')}</h2>
      {absence ? (
        <>
          <p>
            {t(absence.current ? 'away.now' : 'away.planned', {
              from: dateTime(absence.from),
              to: dateTime(absence.to),
              substitute: absence.substituteName ?? absence.substituteId,
            })}
          </p>
          <button type="button" className="usa-button usa-button--secondary" onClick={() => end.mutate()}>
            {t('away.end')}
          </button>
          <ProblemAlert error={end.error} />
        </>
      ) : (
        <p>{t('away.none')}</p>
      )}
    </section>
  );
}

function SetAbsence({
  personId,
  data,
  onSaved,
}: {
  personId: string;
  data: OutOfOfficeData;
  onSaved: (text: string) => void;
}) {
  const t = useT();
  const [from, setFrom] = useState(() => localInput(Date.now()));
  const [to, setTo] = useState(() => localInput(Date.now() + 7 * 86_400_000));
  const [substituteId, setSubstituteId] = useState(data.absence?.substituteId ?? '');
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: () =>
      ok(
        api.PUT('/api/v1/people/{personId}/absence', {
          params: { path: { personId } },
          body: {
            from: new Date(from).toISOString(),
            to: new Date(to).toISOString(),
            substituteId,
            ...(reason ? { reason } : {}),
          },
        }),
      ),
    onSuccess: (a) => onSaved(t('away.saved', { substitute: a.substituteName ?? a.substituteId, to: dateTime(a.to) })),
  });
  const problem = problemOf(save.error);
  // A refused substitute is shown at its field; other problems above the form.
  const substituteError =
    problem?.code === 'invalid_substitute' ? problem.detail : fieldError(save.error, 'substituteId');
  const hint = data.substitutes.length ? t('away.substituteHint') : t('away.noSubstitute');
  return (
    <section aria-labelledby="set-heading">
      <h2 id="set-heading">{data.absence ? t('away.change') : t('away.set')}</h2>
      <form
        className="usa-form usa-form--large"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <TextField
          id="absence-from"
          label={t('away.from')}
          type="datetime-local"
          value={from}
          onChange={setFrom}
          error={fieldError(save.error, 'from')}
        />
        <TextField
          id="absence-to"
          label={t('away.to')}
          type="datetime-local"
          value={to}
          onChange={setTo}
          error={fieldError(save.error, 'to')}
        />
        <FormGroup id="absence-substitute" label={t('away.substitute')} hint={hint} error={substituteError}>
          <select
            className={`usa-select${substituteError ? ' usa-input--error' : ''}`}
            id="absence-substitute"
            required
            value={substituteId}
            aria-invalid={substituteError ? true : undefined}
            aria-describedby={describedBy('absence-substitute', hint, substituteError)}
            onChange={(e) => setSubstituteId(e.target.value)}
          >
            <option value="">{t('away.choose')}</option>
            {data.substitutes.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name ?? s.id}
                {s.email ? ` (${s.email})` : ''}
              </option>
            ))}
          </select>
        </FormGroup>
        <TextField id="absence-reason" label={t('away.reason')} required={false} value={reason} onChange={setReason} />
        {problem?.code === 'invalid_substitute' ? null : <ProblemAlert error={save.error} />}
        <button type="submit" className="usa-button" disabled={save.isPending}>
          {t('away.save')}
        </button>
      </form>
    </section>
  );
}
