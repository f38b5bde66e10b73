/**
 * A match's relationship surveys on its page (docs/processes/match-surveys.md): each round as
 * it went out, and for the mentor and the youth how it stands (waiting, answered by its link,
 * collected by phone, unreachable), when, and the score. Read from the match's own survey
 * route, which answers only those who read the match's details (the youth's answers are theirs).
 */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { dateTime } from './format';
import { ProblemAlert } from './ProblemAlert';
import { useT } from '../i18n/useT';

/** `m3` → "3 months", `exit` → "Exit", `r2` → "Round 2". */
function roundLabel(round: string, t: (id: string, v?: Record<string, string | number>) => string): string {
  const months = /^m(\d+)$/.exec(round);
  if (months) return t('matchSurveys.round.months', { months: Number(months[1]) });
  const nth = /^r(\d+)$/.exec(round);
  if (nth) return t('matchSurveys.round.nth', { n: Number(nth[1]) });
  return round === 'exit' ? t('matchSurveys.round.exit') : round;
}

export function MatchSurveys({ caseId }: { caseId: string }) {
  const t = useT();
  const found = useQuery({
    queryKey: ['case', caseId, 'surveys'],
    queryFn: () => ok(api.GET('/api/v1/foster/matches/{caseId}/surveys', { params: { path: { caseId } } })),
  });
  if (found.error) return <ProblemAlert error={found.error} />;
  const rounds = found.data?.rounds ?? [];
  return (
    <section aria-labelledby="surveys-heading" className="margin-y-3">
      <h2 id="surveys-heading">{t('matchSurveys.heading')}</h2>
      {!found.data ? null : !rounds.length ? (
        <p>{t('matchSurveys.none')}</p>
      ) : (
        <table className="usa-table usa-table--borderless usa-table--stacked">
          <caption>{t('matchSurveys.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('matchSurveys.round')}</th>
              <th scope="col">{t('matchSurveys.respondent')}</th>
              <th scope="col">{t('matchSurveys.sent')}</th>
              <th scope="col">{t('matchSurveys.status')}</th>
              <th scope="col">{t('matchSurveys.score')}</th>
            </tr>
          </thead>
          <tbody>
            {rounds.flatMap((r) =>
              r.surveys.map((s) => (
                <tr key={`${r.round}:${s.respondent}`}>
                  <th scope="row" data-label={t('matchSurveys.round')}>
                    {roundLabel(r.round, t)}
                  </th>
                  <td data-label={t('matchSurveys.respondent')}>{t(`matchSurveys.respondent.${s.respondent}`)}</td>
                  <td data-label={t('matchSurveys.sent')}>{dateTime(s.sentAt)}</td>
                  <td data-label={t('matchSurveys.status')}>
                    {t(`matchSurveys.status.${s.status}`)}
                    {s.answeredAt ? ` (${dateTime(s.answeredAt)})` : ''}
                  </td>
                  <td data-label={t('matchSurveys.score')}>
                    {s.score === null ? '—' : t('matchSurveys.scoreOf', { score: s.score })}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
