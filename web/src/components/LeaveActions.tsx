/**
 * What an employee does on their own leave year: log personal time spent mentoring (it
 * earns leave hour for hour once the program verifies it), request leave, and withdraw a
 * request still pending. Each list shows where every entry stands.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { fieldError, FormGroup } from './forms';
import { ProblemAlert } from './ProblemAlert';
import { laToday } from '../la-date';
import { useT } from '../i18n/useT';
import { useNames } from '../i18n/names';

export interface PersonalTimeEntry {
  id: string;
  date: string;
  hours: number;
  kind: string;
  status: string;
}
export interface LeaveRequest {
  id: string;
  date: string;
  hours: number;
  status: string;
  note?: string;
}

const KINDS = ['vacation', 'annual_leave', 'personal_holiday', 'cto', 'off_duty'] as const;
type Kind = (typeof KINDS)[number];
const today = laToday;

export function LeaveActions({
  caseId,
  personalTime,
  requests,
}: {
  caseId: string;
  personalTime: PersonalTimeEntry[];
  requests: LeaveRequest[];
}) {
  const t = useT();
  const name = useNames();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['case', caseId] });
  const [time, setTime] = useState({ date: today(), hours: '', kind: 'vacation' as Kind, description: '' });
  const [req, setReq] = useState({ date: today(), hours: '', note: '', attest: false });
  const logTime = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/mentoring-leave/enrollments/{caseId}/personal-time', {
          params: { path: { caseId } },
          body: { date: time.date, hours: Number(time.hours), kind: time.kind, description: time.description },
        }),
      ),
    onSuccess: () => {
      setTime((t) => ({ ...t, hours: '', description: '' }));
      void refresh();
    },
  });
  const request = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/mentoring-leave/enrollments/{caseId}/requests', {
          params: { path: { caseId } },
          body: {
            date: req.date,
            hours: Number(req.hours),
            attestNoTravel: req.attest as true,
            ...(req.note ? { note: req.note } : {}),
          },
        }),
      ),
    onSuccess: () => {
      setReq((r) => ({ ...r, hours: '', note: '', attest: false }));
      void refresh();
    },
  });
  const withdraw = useMutation({
    mutationFn: (requestId: string) =>
      ok(
        api.POST('/api/v1/mentoring-leave/enrollments/{caseId}/requests/{requestId}/withdraw', {
          params: { path: { caseId, requestId } },
        }),
      ),
    onSuccess: () => void refresh(),
  });
  const submit = (m: { mutate: () => void }) => (e: FormEvent) => {
    e.preventDefault();
    m.mutate();
  };
  return (
    <div className="grid-row grid-gap-4">
      <section className="tablet:grid-col-6" aria-labelledby="time-heading">
        <h2 id="time-heading">{t('leaveActions.personalTime')}</h2>
        {personalTime.length ? (
          <ul className="usa-list">
            {personalTime.map((p) => (
              <li key={p.id}>
                {t('leaveActions.timeEntry', {
                  date: p.date,
                  hours: p.hours,
                  kind: name('detail', p.kind).toLowerCase(),
                  status: name('detail', p.status).toLowerCase(),
                })}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('leaveActions.noneLogged')}</p>
        )}
        <form className="usa-form" onSubmit={submit(logTime)} aria-label={t('leaveActions.logTime')}>
          <FormGroup id="time-date" label={t('leaveActions.date')} error={fieldError(logTime.error, 'date')}>
            <input
              className="usa-input"
              id="time-date"
              type="date"
              required
              value={time.date}
              onChange={(e) => setTime({ ...time, date: e.target.value })}
            />
          </FormGroup>
          <FormGroup
            id="time-hours"
            label={t('leaveActions.hours')}
            hint={t('leaveActions.quarterHours')}
            error={fieldError(logTime.error, 'hours')}
          >
            <input
              className="usa-input usa-input--small"
              id="time-hours"
              type="number"
              min="0.25"
              max="24"
              step="0.25"
              required
              value={time.hours}
              onChange={(e) => setTime({ ...time, hours: e.target.value })}
              aria-describedby="time-hours-hint"
            />
          </FormGroup>
          <FormGroup id="time-kind" label={t('leaveActions.timeUsed')}>
            <select
              className="usa-select"
              id="time-kind"
              value={time.kind}
              onChange={(e) => setTime({ ...time, kind: e.target.value as Kind })}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {name('detail', k)}
                </option>
              ))}
            </select>
          </FormGroup>
          <FormGroup
            id="time-description"
            label={t('leaveActions.whatYouDid')}
            error={fieldError(logTime.error, 'description')}
          >
            <textarea
              className="usa-textarea"
              id="time-description"
              rows={2}
              required
              maxLength={2000}
              value={time.description}
              onChange={(e) => setTime({ ...time, description: e.target.value })}
            />
          </FormGroup>
          <ProblemAlert error={logTime.error} heading={t('leaveActions.timeRefused')} />
          <button type="submit" className="usa-button margin-top-2" disabled={logTime.isPending}>
            {t('leaveActions.logTime')}
          </button>
        </form>
      </section>
      <section className="tablet:grid-col-6" aria-labelledby="requests-heading">
        <h2 id="requests-heading">{t('leaveActions.requests')}</h2>
        {requests.length ? (
          <ul className="usa-list">
            {requests.map((r) => (
              <li key={r.id}>
                {t('leaveActions.requestEntry', {
                  date: r.date,
                  hours: r.hours,
                  status: name('detail', r.status).toLowerCase(),
                })}{' '}
                {r.status.startsWith('pending') ? (
                  <button
                    type="button"
                    className="usa-button usa-button--unstyled"
                    onClick={() => withdraw.mutate(r.id)}
                    aria-label={t('leaveActions.withdrawFor', { date: r.date })}
                  >
                    {t('leaveActions.withdraw')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('leaveActions.noRequests')}</p>
        )}
        <ProblemAlert error={withdraw.error} heading={t('leaveActions.withdrawRefused')} />
        <form className="usa-form" onSubmit={submit(request)} aria-label={t('leaveActions.request')}>
          <FormGroup id="req-date" label={t('leaveActions.dateOfLeave')} error={fieldError(request.error, 'date')}>
            <input
              className="usa-input"
              id="req-date"
              type="date"
              required
              value={req.date}
              onChange={(e) => setReq({ ...req, date: e.target.value })}
            />
          </FormGroup>
          <FormGroup
            id="req-hours"
            label={t('leaveActions.hours')}
            hint={t('leaveActions.quarterHours')}
            error={fieldError(request.error, 'hours')}
          >
            <input
              className="usa-input usa-input--small"
              id="req-hours"
              type="number"
              min="0.25"
              max="24"
              step="0.25"
              required
              value={req.hours}
              onChange={(e) => setReq({ ...req, hours: e.target.value })}
              aria-describedby="req-hours-hint"
            />
          </FormGroup>
          <FormGroup id="req-note" label={t('leaveActions.note')}>
            <textarea
              className="usa-textarea"
              id="req-note"
              rows={2}
              maxLength={2000}
              value={req.note}
              onChange={(e) => setReq({ ...req, note: e.target.value })}
            />
          </FormGroup>
          <div className="usa-checkbox margin-top-2">
            <input
              className="usa-checkbox__input"
              id="req-attest"
              type="checkbox"
              checked={req.attest}
              onChange={(e) => setReq({ ...req, attest: e.target.checked })}
            />
            <label className="usa-checkbox__label" htmlFor="req-attest">
              {t('leaveActions.noTravel')}
            </label>
          </div>
          <ProblemAlert error={request.error} heading={t('leaveActions.requestRefused')} />
          <button type="submit" className="usa-button margin-top-2" disabled={request.isPending}>
            {t('leaveActions.request')}
          </button>
        </form>
      </section>
    </div>
  );
}
