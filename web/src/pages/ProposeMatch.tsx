/**
 * A case worker proposes a match: a youth ready to be matched and a mentor approved and
 * free (both from the cases the case worker may see), with the reason for the pairing.
 * Consents and the first meeting follow as tasks; a party another match took meanwhile
 * is refused with the rule's message.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueries, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, ok } from '../api/client';
import { fieldError, FormGroup } from '../components/forms';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';

export function ProposeMatch() {
  const navigate = useNavigate();
  const youth = useQuery({ queryKey: ['cases', 'youth_referral', 'ready'], queryFn: () => ok(api.GET('/api/v1/cases', { params: { query: { type: 'youth_referral', stage: 'ready', status: 'open', limit: 200 } } })) });
  const mentors = useQuery({ queryKey: ['cases', 'mentor_screening', 'approved'], queryFn: () => ok(api.GET('/api/v1/cases', { params: { query: { type: 'mentor_screening', stage: 'approved', status: 'open', limit: 200 } } })) });
  // Approved is not enough: a mentor in a proposed or active match is not free. (One read
  // per approved mentor; the suggestions of issue 12 will rank the pool server-side.)
  const details = useQueries({
    queries: (mentors.data?.items ?? []).map((c) => ({
      queryKey: ['mentor', c.id],
      queryFn: () => ok(api.GET('/api/v1/foster/mentors/{caseId}', { params: { path: { caseId: c.id } } })),
    })),
  });
  const free = (mentors.data?.items ?? []).filter((_c, i) => {
    const d = details[i]?.data as { activeMatchId?: string } | undefined;
    return d !== undefined && !d.activeMatchId;
  });
  const [f, setF] = useState({ youthCaseId: '', mentorCaseId: '', rationale: '' });
  const propose = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/foster/matches', { body: f })),
    onSuccess: (c) => void navigate(`/cases/${c.id}`),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    propose.mutate();
  };
  return (
    <Page title="Propose a match" lead="Pair a youth who is ready with an approved mentor who is free.">
      <ProblemAlert error={youth.error ?? mentors.error} />
      <form className="usa-form usa-form--large" onSubmit={submit} aria-label="Propose a match">
        <FormGroup id="match-youth" label="Youth ready to be matched" error={fieldError(propose.error, 'youthCaseId')}>
          <select className="usa-select" id="match-youth" required value={f.youthCaseId} onChange={(e) => setF({ ...f, youthCaseId: e.target.value })}>
            <option value="">{youth.isPending ? 'Loading…' : `- Select (${youth.data?.items.length ?? 0} ready) -`}</option>
            {youth.data?.items.map((c) => <option key={c.id} value={c.id}>{c.subject}</option>)}
          </select>
        </FormGroup>
        <FormGroup id="match-mentor" label="Approved mentor, free" error={fieldError(propose.error, 'mentorCaseId')}>
          <select className="usa-select" id="match-mentor" required value={f.mentorCaseId} onChange={(e) => setF({ ...f, mentorCaseId: e.target.value })}>
            <option value="">{mentors.isPending || details.some((d) => d.isPending) ? 'Loading…' : `- Select (${free.length} free) -`}</option>
            {free.map((c) => <option key={c.id} value={c.id}>{c.subject}</option>)}
          </select>
        </FormGroup>
        <FormGroup id="match-rationale" label="Why this pairing" error={fieldError(propose.error, 'rationale')}>
          <textarea className="usa-textarea" id="match-rationale" rows={3} required maxLength={5000} value={f.rationale} onChange={(e) => setF({ ...f, rationale: e.target.value })} />
        </FormGroup>
        <ProblemAlert error={propose.error} heading="The match was refused" />
        <button type="submit" className="usa-button margin-top-3" disabled={propose.isPending}>Propose the match</button>
      </form>
    </Page>
  );
}
