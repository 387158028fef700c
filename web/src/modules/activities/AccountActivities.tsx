// The account page's 跟进记录 tab: the account's activities and, beside them, its referrals.
import { ActivityTimeline } from './ActivityTimeline';
import { Referrals } from './Referrals';

export function AccountActivities({ customerId }: { customerId: number }) {
  return (
    <div className="account-activities">
      <ActivityTimeline subject={`account:${customerId}`} />
      <Referrals customerId={customerId} />
    </div>
  );
}
