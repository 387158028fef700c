// The lead screens' calls. Reads are react-query hooks (app/queryClient.ts retries only where a retry
// can help); writes stay plain functions the pages call, then hand the server's answer to leadChanged.
import { useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import type { Criteria, Lead, LeadPage } from './model';

export const leadPath = (id: string | number) => `/api/v1/leads/${encodeURIComponent(String(id))}`;
export const leadKey = (id: string | number) => ['lead', String(id)];

const PAGE_SIZE = 20;

// The list, page by page (GET /leads: cursor paging, newest first): "load more" asks for the next.
export function useLeadList(filters: Record<string, string>) {
  return useInfiniteQuery({
    queryKey: ['leads', 'list', filters],
    queryFn: ({ pageParam }) =>
      api<LeadPage>('GET', '/api/v1/leads' + queryString({ ...filters, limit: PAGE_SIZE, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

// One lead (GET /leads/{id}). A lead page never shows another lead's data while loading.
export function useLead(id: string | undefined) {
  return useQuery({
    queryKey: leadKey(id ?? ''),
    queryFn: () => api<Lead>('GET', leadPath(id ?? '')),
    enabled: id !== undefined,
    placeholderData: undefined,
    staleTime: 0,
  });
}

// The admin's weights of the five criteria (GET /sales/score-weights; sales_settings.read).
export function useScoreWeights(enabled: boolean) {
  return useQuery({
    queryKey: ['sales', 'score-weights'],
    queryFn: async () => (await api<{ weights: Criteria }>('GET', '/api/v1/sales/score-weights')).weights,
    enabled,
    placeholderData: undefined,
  });
}

// After a write: the lead's cached answer is the server's new one, every list is out of date.
export function leadChanged(client: QueryClient, lead: Lead) {
  client.setQueryData(leadKey(lead.id), lead);
  void client.invalidateQueries({ queryKey: ['leads'] });
}
