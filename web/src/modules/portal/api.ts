// The portal's calls: its own account, in the customer-facing shape the API answers a portal user.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { CustomerFacing } from '../customers/model';

export function useAccount(id: string | null) {
  return useQuery({
    queryKey: ['portal-account', id],
    queryFn: () => api<CustomerFacing>('GET', `/api/v1/customers/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null,
    placeholderData: undefined,
  });
}
