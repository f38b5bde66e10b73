/**
 * A case worker proposes a match: a youth ready to be matched, then one of the approved,
 * free mentors the server suggests for that youth (ranked by language, county, interests,
 * former foster youth when asked for, and waiting time, with the reasons), and the reason
 * for the pairing.
 * Consents and the first meeting follow as tasks; a party another match took meanwhile
 * is refused with the rule's message.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, ok } from '../api/client';
import { fieldError, FormGroup } from '../components/forms';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useT } from '../i18n/useT';

export function ProposeMatch() {
  const t = useT();
  const navigate = useNavigate();
  const youth = useQuery({
    queryKey: ['cases', 'youth_referral', 'ready'],
    queryFn: () =>
      ok(
        api.GET('/api/v1/cases', {
          params: { query: { type: 'youth_referral', stage: 'ready', status: 'open', limit: 200 } },
        }),
      ),
  });
  const [f, setF] = useState({ youthCaseId: '', mentorCaseId: '', rationale: '' });
  // The free approved mentors for this youth, best fit first, with the reasons (server-side ranking).
  const suggestions = useQuery({
    queryKey: ['suggestions', f.youthCaseId],
    enabled: !!f.youthCaseId,
    queryFn: () =>
      ok(
        api.GET('/api/v1/foster/youth/{caseId}/suggestions', {
          params: { path: { caseId: f.youthCaseId }, query: { limit: 200 } },
        }),
      ),
  });
  const chosen = suggestions.data?.items.find((m) => m.mentorCaseId === f.mentorCaseId);
  const propose = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/foster/matches', { body: f })),
    onSuccess: (c) => void navigate(`/cases/${c.id}`),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    propose.mutate();
  };
  return (
    <Page title={t('propose.title')} lead={t('propose.lead')}>
      <ProblemAlert error={youth.error ?? suggestions.error} />
      <form className="usa-form usa-form--large" onSubmit={submit} aria-label={t('propose.title')}>
        <FormGroup id="match-youth" label={t('propose.youth')} error={fieldError(propose.error, 'youthCaseId')}>
          <select
            className="usa-select"
            id="match-youth"
            required
            value={f.youthCaseId}
            onChange={(e) => setF({ ...f, youthCaseId: e.target.value, mentorCaseId: '' })}
          >
            <option value="">
              {youth.isPending
                ? t('propose.loading')
                : t('propose.selectReady', { count: youth.data?.items.length ?? 0 })}
            </option>
            {youth.data?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.subject}
              </option>
            ))}
          </select>
        </FormGroup>
        <p role="status" className="usa-hint">
          {!f.youthCaseId
            ? t('propose.chooseYouth')
            : suggestions.data
              ? t('propose.free', { count: suggestions.data.items.length })
              : t('propose.finding')}
        </p>
        <FormGroup id="match-mentor" label={t('propose.mentor')} error={fieldError(propose.error, 'mentorCaseId')}>
          <select
            className="usa-select"
            id="match-mentor"
            required
            value={f.mentorCaseId}
            aria-describedby="match-mentor-why"
            onChange={(e) => setF({ ...f, mentorCaseId: e.target.value })}
          >
            <option value="">{t('propose.select')}</option>
            {suggestions.data?.items.map((m) => (
              <option key={m.mentorCaseId} value={m.mentorCaseId}>
                {m.rank}. {m.name}
              </option>
            ))}
          </select>
        </FormGroup>
        <div id="match-mentor-why">
          {chosen ? (
            <>
              <p className="margin-bottom-0">{t('propose.why', { name: chosen.name })}</p>
              <ul className="usa-list">
                {chosen.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
        <FormGroup id="match-rationale" label={t('propose.rationale')} error={fieldError(propose.error, 'rationale')}>
          <textarea
            className="usa-textarea"
            id="match-rationale"
            rows={3}
            required
            maxLength={5000}
            value={f.rationale}
            onChange={(e) => setF({ ...f, rationale: e.target.value })}
          />
        </FormGroup>
        <ProblemAlert error={propose.error} heading={t('propose.refused')} />
        <button type="submit" className="usa-button margin-top-3" disabled={propose.isPending}>
          {t('propose.submit')}
        </button>
      </form>
    </Page>
  );
}
