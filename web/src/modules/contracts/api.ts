// The contracts module's calls (docs/openapi.yaml, /api/v1/contracts*, /api/v1/contract-inbox). Reads
// are react-query hooks; writes are plain functions the pages call, followed by contractChanged().
import { useInfiniteQuery, useQueries, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, apiWithVersion, queryString } from '../../app/api';
import type { AccountRef, Contract, ContractSummary, ContractVersion, Inbox } from './model';

export const contractPath = (id: string | number) => `/api/v1/contracts/${encodeURIComponent(String(id))}`;
export const contractKey = (id: string | number) => ['contract', String(id)];

interface Page { items: ContractSummary[]; next_cursor: string | null }

// The list, a cursor page at a time ("load more").
export function useContractList(filters: { state?: string; customer_id?: string }) {
  return useInfiniteQuery({
    queryKey: ['contracts', 'list', filters],
    queryFn: ({ pageParam }) => api<Page>('GET', '/api/v1/contracts' + queryString({ ...filters, limit: 20, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    staleTime: 0,
  });
}

// One contract with its revision (the ETag, sent back in If-Match).
export function useContract(id: string | undefined) {
  return useQuery({
    queryKey: contractKey(id ?? ''),
    queryFn: () => apiWithVersion<Contract>('GET', contractPath(id ?? '')),
    enabled: id !== undefined,
    placeholderData: undefined,
    staleTime: 0,
  });
}

export function useVersions(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...contractKey(id ?? ''), 'versions'],
    queryFn: async () => (await api<{ items: ContractVersion[] }>('GET', `${contractPath(id ?? '')}/versions`)).items,
    enabled: enabled && id !== undefined,
    placeholderData: undefined,
    staleTime: 0,
  });
}

export function useVersion(id: string | undefined, version: number | null) {
  return useQuery({
    queryKey: [...contractKey(id ?? ''), 'versions', version],
    queryFn: () => api<ContractVersion>('GET', `${contractPath(id ?? '')}/versions/${version}`),
    enabled: id !== undefined && version !== null,
    placeholderData: undefined,
  });
}

// What awaits the signed-in user (approvals with their differences from the standard terms) and
// their notices. Shared by the inbox page and the header's bell.
export function useInbox(enabled: boolean) {
  return useQuery({
    queryKey: ['contracts', 'inbox'],
    queryFn: () => api<Inbox>('GET', '/api/v1/contract-inbox'),
    enabled,
    staleTime: 0,
    retry: false,
  });
}

// An account as the contract screens show it; the customers module's record cache is shared
// (the same key), so an account seen there is not fetched again.
const accountQuery = (id: number) => ({
  queryKey: ['customer', String(id)],
  queryFn: () => api<AccountRef>('GET', `/api/v1/customers/${id}`),
  staleTime: 60_000,
  retry: false,
});

export function useAccount(id: number | null | undefined) {
  return useQuery({ ...accountQuery(id ?? 0), enabled: !!id });
}

// The names of the accounts of a page of contracts (the list answers ids only). An account the
// caller may no longer see stays "#id".
export function useAccountNames(ids: number[]): Map<number, string> {
  const unique = [...new Set(ids)];
  const results = useQueries({ queries: unique.map((id) => accountQuery(id)) });
  const names = new Map<number, string>();
  unique.forEach((id, i) => {
    const name = results[i]?.data?.name;
    if (name) names.set(id, name);
  });
  return names;
}

// Accounts matching a search, for the account pickers.
export function useAccountSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: ['contracts', 'account-search', q],
    queryFn: async () => (await api<{ items: AccountRef[] }>('GET', '/api/v1/customers' + queryString({ q: q.trim() || undefined, limit: 20, sort: 'name' }))).items,
    enabled,
    staleTime: 30_000,
  });
}

// After a write: the record's cached answer is the server's new one; lists, versions and the inbox
// are out of date.
export function contractChanged(client: QueryClient, updated?: { body: Contract; version: number | null }) {
  if (updated) client.setQueryData(contractKey(updated.body.id), updated);
  void client.invalidateQueries({ queryKey: ['contracts'] });
  if (updated) void client.invalidateQueries({ queryKey: [...contractKey(updated.body.id), 'versions'] });
}

export interface IndustryTemplate { industry: string; notes: string; flags: Record<string, boolean> }

// The customers module's requirement templates per industry (GET /api/v1/industry-templates): what a
// contract is drafted from. The same for everyone, changed only with a release.
export function useIndustryTemplates() {
  return useQuery({
    queryKey: ['industry-templates'],
    queryFn: async () => (await api<{ items: IndustryTemplate[] }>('GET', '/api/v1/industry-templates')).items,
    staleTime: Infinity,
  });
}

export { useProductName } from '../pricing/api';
