/**
 * Where the link in a volunteer's confirmation e-mail leads: one button to withdraw from
 * the referral (the programs are told). Public; the link works once.
 */
import { useMutation } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { api, ok } from '../api/client';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';

export function WithdrawReferral() {
  const { token = '' } = useParams();
  const withdraw = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/referrals/withdraw/{token}', { params: { path: { token } } })),
  });
  if (withdraw.data) {
    return (
      <Page title="You have withdrawn">
        <div className="usa-alert usa-alert--success" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              Any programs you were referred to are told; nobody will contact you about this referral. Thank you for
              your interest in mentoring.
            </p>
          </div>
        </div>
      </Page>
    );
  }
  return (
    <Page
      title="Withdraw from mentoring referral"
      lead="If you no longer want mentoring programs to contact you, withdraw here. You can always send the volunteer form again later."
    >
      <ProblemAlert error={withdraw.error} heading="This link cannot be used" />
      <button
        type="button"
        className="usa-button usa-button--secondary"
        disabled={withdraw.isPending}
        onClick={() => withdraw.mutate()}
      >
        Withdraw my referral
      </button>
    </Page>
  );
}
