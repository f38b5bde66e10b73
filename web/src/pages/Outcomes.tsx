/**
 * The funders' outcome report (docs/processes/foster.md, "Match support"), for those who
 * answer for the whole program: youth served, mentors recruited, trained and retained, how
 * long matches last and why they end early, and the relationship surveys' scores, by program
 * or county over a period kept in the URL. Each chart is followed by its figures as a table;
 * the CSV is the API's own.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { api, ok } from '../api/client';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { downloadCsv } from '../components/reports/download';
import { GroupedBarChart, type ChartSeries } from '../components/reports/GroupedBarChart';
import { laToday } from '../la-date';
import { useT } from '../i18n/useT';
import type { components } from '../api/generated/schema';

type Item = components['schemas']['OutcomeItem'];
type GroupBy = 'program' | 'county';

export function Outcomes() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const today = laToday();
  const from = params.get('from') ?? `${today.slice(0, 4)}-01-01`;
  const to = params.get('to') ?? today;
  const groupBy: GroupBy = params.get('groupBy') === 'county' ? 'county' : 'program';
  const [form, setForm] = useState({ from, to, groupBy });
  const query = { from, to, groupBy };
  const report = useQuery({
    queryKey: ['report-outcomes', from, to, groupBy],
    queryFn: () => ok(api.GET('/api/v1/foster/reports/outcomes', { params: { query } })),
  });
  const csv = useMutation({
    mutationFn: () =>
      downloadCsv('/api/v1/foster/reports/outcomes', { query }, `outcomes-${from}-${to}-by-${groupBy}.csv`),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(form);
  };
  const items = useMemo(() => report.data?.items ?? [], [report.data]);
  const keyLabel = useMemo(
    () => (i: Item) =>
      i.key === 'none' && groupBy === 'program'
        ? t('outcomes.noProgram')
        : i.key === 'unknown' && groupBy === 'county'
          ? t('outcomes.noCounty')
          : i.key,
    [groupBy, t],
  );
  const people: ChartSeries<Item>[] = useMemo(
    () => [
      { label: t('outcomes.youthServed'), colour: '#005ea2', value: (i) => i.youthServed },
      { label: t('outcomes.activeMatches'), colour: '#00a398', value: (i) => i.activeMatches },
      { label: t('outcomes.mentorsRecruited'), colour: '#e5a000', value: (i) => i.mentorsRecruited },
      { label: t('outcomes.mentorsTrained'), colour: '#8168b3', value: (i) => i.mentorsTrained },
      { label: t('outcomes.mentorsRetained'), colour: '#d83933', value: (i) => i.mentorsRetained },
    ],
    [t],
  );
  const length: ChartSeries<Item>[] = useMemo(
    () => [
      { label: t('outcomes.meanMonths'), colour: '#005ea2', value: (i) => i.meanMatchMonths },
      { label: t('outcomes.medianMonths'), colour: '#e5a000', value: (i) => i.medianMatchMonths },
    ],
    [t],
  );
  const reasons = [...new Set(items.flatMap((i) => Object.keys(i.earlyClosures)))].sort();
  const figure = (n: number | null) => (n === null ? '–' : String(n));
  const groupHeading = groupBy === 'program' ? t('outcomes.program') : t('outcomes.county');
  return (
    <Page title={t('outcomes.title')} lead={t('outcomes.lead')}>
      <form className="usa-form mf-filters" onSubmit={submit}>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="outcomes-from">
            {t('outcomes.from')}
          </label>
          <input
            id="outcomes-from"
            className="usa-input"
            type="date"
            value={form.from}
            onChange={(e) => setForm({ ...form, from: e.target.value })}
          />
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="outcomes-to">
            {t('outcomes.to')}
          </label>
          <input
            id="outcomes-to"
            className="usa-input"
            type="date"
            value={form.to}
            onChange={(e) => setForm({ ...form, to: e.target.value })}
          />
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="outcomes-group">
            {t('outcomes.groupBy')}
          </label>
          <select
            id="outcomes-group"
            className="usa-select"
            value={form.groupBy}
            onChange={(e) => setForm({ ...form, groupBy: e.target.value as GroupBy })}
          >
            <option value="program">{t('outcomes.byProgram')}</option>
            <option value="county">{t('outcomes.byCounty')}</option>
          </select>
        </div>
        <button type="submit" className="usa-button">
          {t('outcomes.show')}
        </button>
      </form>
      <button
        type="button"
        className="usa-button usa-button--outline margin-top-2"
        onClick={() => csv.mutate()}
        disabled={csv.isPending}
      >
        {t('outcomes.download')}
      </button>
      <ProblemAlert error={report.error ?? csv.error} heading={t('outcomes.failed')} />
      {report.data && !items.length ? <p>{t('outcomes.none')}</p> : null}
      {items.length ? (
        <>
          <section aria-labelledby="outcomes-people" className="margin-top-4">
            <h2 id="outcomes-people">{t('outcomes.peopleTitle')}</h2>
            <GroupedBarChart title={t('outcomes.peopleTitle')} rows={items} label={keyLabel} series={people} whole />
            <table className="usa-table usa-table--borderless">
              <caption>{t('outcomes.peopleCaption', { from, to })}</caption>
              <thead>
                <tr>
                  <th scope="col">{groupHeading}</th>
                  {people.map((s) => (
                    <th scope="col" key={s.label}>
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.key}>
                    <th scope="row">{keyLabel(i)}</th>
                    {people.map((s) => (
                      <td key={s.label}>{figure(s.value(i))}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="outcomes-length" className="margin-top-4">
            <h2 id="outcomes-length">{t('outcomes.lengthTitle')}</h2>
            <GroupedBarChart title={t('outcomes.lengthTitle')} rows={items} label={keyLabel} series={length} />
            <table className="usa-table usa-table--borderless">
              <caption>{t('outcomes.lengthCaption', { from, to })}</caption>
              <thead>
                <tr>
                  <th scope="col">{groupHeading}</th>
                  <th scope="col">{t('outcomes.meanMonths')}</th>
                  <th scope="col">{t('outcomes.medianMonths')}</th>
                  <th scope="col">{t('outcomes.reached6')}</th>
                  <th scope="col">{t('outcomes.reached12')}</th>
                  {reasons.map((r) => (
                    <th scope="col" key={r}>
                      {t('outcomes.earlyClosure', { reason: t(`outcomes.reason.${r}`) })}
                    </th>
                  ))}
                  <th scope="col">{t('outcomes.surveyP25')}</th>
                  <th scope="col">{t('outcomes.surveyMedian')}</th>
                  <th scope="col">{t('outcomes.surveyP75')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.key}>
                    <th scope="row">{keyLabel(i)}</th>
                    <td>{figure(i.meanMatchMonths)}</td>
                    <td>{figure(i.medianMatchMonths)}</td>
                    <td>{i.reached6Months}</td>
                    <td>{i.reached12Months}</td>
                    {reasons.map((r) => (
                      <td key={r}>{i.earlyClosures[r] ?? 0}</td>
                    ))}
                    <td>{figure(i.surveyScores.p25)}</td>
                    <td>{figure(i.surveyScores.median)}</td>
                    <td>{figure(i.surveyScores.p75)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
    </Page>
  );
}
