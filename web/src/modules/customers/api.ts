// The customers module's calls. Reads are react-query hooks (cached, retried on network errors and
// 5xx only — app/queryClient.ts); writes stay plain functions that the pages call.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { UserOptions } from './ListFilters';
import type { Customer, HistoryEntry, SavedView } from './model';

const customerPath = (id: string | number) => `/api/v1/customers/${encodeURIComponent(String(id))}`;

export const customerKey = (id: string | number) => ['customer', String(id)];

// One customer (GET /customers/{id}). A record page never shows another record's data while loading.
export function useCustomer(id: string | undefined) {
  return useQuery({
    queryKey: customerKey(id ?? ''),
    queryFn: () => api<Customer>('GET', customerPath(id ?? '')),
    enabled: id !== undefined,
    placeholderData: undefined,
    staleTime: 0,  // the cached record shows at once and is checked again
  });
}

// Its history (GET /customers/{id}/history), loaded when the tab is opened.
export function useCustomerHistory(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...customerKey(id ?? ''), 'history'],
    queryFn: async () => (await api<{ items: HistoryEntry[] }>('GET', `${customerPath(id ?? '')}/history`)).items,
    enabled: enabled && id !== undefined,
    placeholderData: undefined,
    staleTime: 0,
  });
}

// After a write: the record's cached answer is the server's new one, its history is out of date.
// Only GET answers the account with its brand: a write's answer keeps the brand already read.
export function customerChanged(client: QueryClient, updated: Customer) {
  client.setQueryData<Customer>(customerKey(updated.id), (old) => (updated.brand === undefined && old ? { ...updated, brand: old.brand } : updated));
  void client.invalidateQueries({ queryKey: [...customerKey(updated.id), 'history'] });
  void client.invalidateQueries({ queryKey: ['customers'] });
}

// The user's saved views of the customer list (GET /saved-views?resource=customers).
export function useSavedViews(enabled: boolean) {
  return useQuery({
    queryKey: ['saved-views', 'customers'],
    queryFn: async () => (await api<{ items: SavedView[] }>('GET', '/api/v1/saved-views?resource=customers')).items,
    enabled,
  });
}

// The active staff users and the teams, for every owner and team picker and for names in the
// history (GET /users/options; every staff role; one cache entry for all of them).
export function useUserOptions(enabled = true) {
  return useQuery({
    queryKey: ['users', 'options'],
    queryFn: () => api<UserOptions>('GET', '/api/v1/users/options'),
    enabled,
    staleTime: 5 * 60_000,
    retry: false,
  });
}
