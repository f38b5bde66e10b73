/**
 * A program's own page for its staff: the directory entry and its level, the program's
 * certification cases (open ones first, each a link to its case page), and applying for
 * certification — as an Affiliate, or as a Partner once the program has run 12 months —
 * and its volunteer referral settings.
 */
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { api, ok } from '../api/client';
import { humanize } from '../components/format';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { ReferralSettings } from '../components/ReferralSettings';
import { useSession } from '../session';

export function MyProgram() {
  const navigate = useNavigate();
  const programId = useSession()?.person.programId ?? '';
  const program = useQuery({
    queryKey: ['program', programId],
    enabled: !!programId,
    queryFn: () => ok(api.GET('/api/v1/programs/{programId}', { params: { path: { programId } } })),
  });
  const cases = useQuery({
    queryKey: ['cases', 'certification'],
    queryFn: () => ok(api.GET('/api/v1/cases', { params: { query: { type: 'certification' } } })),
  });
  const [level, setLevel] = useState<'affiliate' | 'partner'>('affiliate');
  const apply = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/programs/{programId}/certifications', { params: { path: { programId } }, body: { level } })),
    onSuccess: (c) => void navigate(`/cases/${c.id}`),
  });
  const p = program.data;
  const open = (cases.data?.items ?? []).filter((c) => c.status === 'open');
  return (
    <Page title={p ? p.name : 'My program'}>
      {!programId ? (
        <p>Your account names no program. Ask your administrator to add your program to your account.</p>
      ) : null}
      <ProblemAlert error={program.error ?? cases.error} />
      {p ? (
        <ul className="usa-list usa-list--unstyled mf-facts">
          <li>
            <strong>Organization:</strong> {p.organization}
          </li>
          <li>
            <strong>County:</strong> {p.county}
          </li>
          <li>
            <strong>Level:</strong> {humanize(p.level)}
            {p.certifiedUntil ? `, certified until ${p.certifiedUntil}` : ''}
          </li>
        </ul>
      ) : null}
      <h2>Certification</h2>
      {cases.data?.items.length ? (
        <ul className="usa-list">
          {cases.data.items.map((c) => (
            <li key={c.id}>
              <Link className="usa-link" to={`/cases/${c.id}`}>
                {c.subject}
              </Link>{' '}
              — {humanize(c.stage)} ({c.status})
            </li>
          ))}
        </ul>
      ) : cases.data ? (
        <p>No certification applications yet.</p>
      ) : null}
      {programId && !open.length ? (
        <form
          className="usa-form"
          onSubmit={(e) => {
            e.preventDefault();
            apply.mutate();
          }}
          aria-labelledby="apply-heading"
        >
          <h3 id="apply-heading">Apply for certification</h3>
          <fieldset className="usa-fieldset">
            <legend className="usa-legend">Level to apply for</legend>
            {(['affiliate', 'partner'] as const).map((l) => (
              <div className="usa-radio" key={l}>
                <input
                  className="usa-radio__input"
                  type="radio"
                  id={`level-${l}`}
                  name="level"
                  value={l}
                  checked={level === l}
                  onChange={() => setLevel(l)}
                />
                <label className="usa-radio__label" htmlFor={`level-${l}`}>
                  {l === 'affiliate'
                    ? 'Affiliate — the program meets the basic requirements'
                    : 'Partner — a self-assessment against the six standards, then a review (after 12 months of operation)'}
                </label>
              </div>
            ))}
          </fieldset>
          <ProblemAlert error={apply.error} heading="The application was refused" />
          <button type="submit" className="usa-button margin-top-2" disabled={apply.isPending}>
            Apply
          </button>
        </form>
      ) : null}
      {p ? <ReferralSettings key={p.id} programId={p.id} county={p.county} saved={p.referrals} /> : null}
    </Page>
  );
}
