// The dashboard's call: GET /api/v1/customers/stats — every number counted by the server over all the
// accounts the user may see (never a sample in the browser).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { Json, Schemas } from '../../app/schema';

export type CustomerStats = Json<'getCustomerStats'>;
export type StatsBucket = Schemas['StatsBucket'];
export type ListFilter = Schemas['ListFilter'];

export function useCustomerStats() {
  return useQuery({
    queryKey: ['customers', 'stats'],
    queryFn: () => api<CustomerStats>('GET', '/api/v1/customers/stats'),
    staleTime: 0,
  });
}
