/**
 * Where the link in a volunteer's confirmation e-mail leads: one button to withdraw from
 * the referral (the programs are told). Public; the link works once.
 */
import { useMutation } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { api, ok } from '../api/client';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useT } from '../i18n/useT';

export function WithdrawReferral() {
  const t = useT();
  const { token = '' } = useParams();
  const withdraw = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/referrals/withdraw/{token}', { params: { path: { token } } })),
  });
  if (withdraw.data) {
    return (
      <Page title={t('withdraw.doneTitle')}>
        <div className="usa-alert usa-alert--success" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t('withdraw.doneText')}</p>
          </div>
        </div>
      </Page>
    );
  }
  return (
    <Page title={t('withdraw.title')} lead={t('withdraw.lead')}>
      <ProblemAlert error={withdraw.error} heading={t('withdraw.unusable')} />
      <button
        type="button"
        className="usa-button usa-button--secondary"
        disabled={withdraw.isPending}
        onClick={() => withdraw.mutate()}
      >
        {t('withdraw.button')}
      </button>
    </Page>
  );
}
