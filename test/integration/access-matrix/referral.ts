/**
 * The access matrix's rows (access-matrix.test.ts) for one area, in the order they run.
 */
import { referralForm } from '../referral-fixtures';
import { F, get, REFERRAL_SETTINGS, REFERRAL_VIEWERS, type Row } from './context';

/** Volunteer referrals: the public form and links, the coordinators' offers and reports. */
export const referralRows = (): Record<string, Row> => ({
  'PUT /programs/:programId/referrals': {
    request: () => ({ method: 'PUT', path: `/programs/${F.programP}/referrals`, body: REFERRAL_SETTINGS }),
    expect: { staff: 200, admin: 200, staffOther: 404, others: 403 },
  },
  // The volunteer form and the withdraw link are public (no account); anyone may send the form.
  'POST /referrals': {
    public: true,
    request: () => ({ method: 'POST', path: '/referrals', body: referralForm('Sacramento') }),
    expect: { others: 201, anon: 201 },
  },
  'POST /referrals/confirm/:token': {
    public: true,
    request: () => ({ method: 'POST', path: '/referrals/confirm/not-a-real-token-at-all' }),
    expect: { others: 404, anon: 404 },
  },
  'POST /referrals/withdraw/:token': {
    public: true,
    request: () => ({ method: 'POST', path: '/referrals/withdraw/not-a-real-token-at-all' }),
    expect: { others: 404, anon: 404 },
  },
  // Program P was offered already and Q takes no referrals: the coordinator gets the rule's answer.
  'POST /referrals/:caseId/offers': {
    request: () => ({ method: 'POST', path: `/referrals/${F.referralId}/offers`, body: { programIds: [F.programP] } }),
    expect: { partnershipCoordinator: 422, others: 403 },
  },
  'GET /referrals/:caseId': { request: get('/referrals/{referral}'), expect: { ...REFERRAL_VIEWERS, others: 404 } },
  'GET /referrals/reports': {
    request: get('/referrals/reports'),
    expect: { partnershipCoordinator: 200, admin: 200, others: 403 },
  },
});
