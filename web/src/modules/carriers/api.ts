// The carriers module's calls (docs/openapi.yaml, /api/v1/carriers*, /api/v1/carrier-load). Reads are
// react-query hooks; writes are plain functions the pages call, followed by carrierChanged().
import { useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, apiWithVersion, ifMatch, queryString } from '../../app/api';
import type { Carrier, CarrierApiKey, CarrierInput, CarrierLoad, NewCarrierApiKey, ScanCodeRule, ScanCodeTable, Scorecard } from './model';

export const carrierPath = (id: string | number) => `/api/v1/carriers/${encodeURIComponent(String(id))}`;
export const carrierKey = (id: string | number) => ['carrier', String(id)];

export interface CarrierFilters { status?: string; kind?: string; covering?: string; q?: string }
interface Page { items: Carrier[]; next_cursor: string | null }

// The list, a cursor page at a time ("load more").
export function useCarrierList(filters: CarrierFilters) {
  return useInfiniteQuery({
    queryKey: ['carriers', 'list', filters],
    queryFn: ({ pageParam }) => api<Page>('GET', '/api/v1/carriers' + queryString({ ...filters, limit: 50, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    staleTime: 0,
  });
}

// One carrier with its revision (the ETag, sent back in If-Match).
export function useCarrier(id: string | undefined) {
  return useQuery({
    queryKey: carrierKey(id ?? ''),
    queryFn: () => apiWithVersion<Carrier>('GET', carrierPath(id ?? '')),
    enabled: id !== undefined,
    staleTime: 0,
  });
}

// Capacity used today (China's day, the server's) by every carrier with orders today. Refreshed each
// minute: orders keep arriving while the page is open.
export function useCarrierLoad() {
  return useQuery({
    queryKey: ['carriers', 'load'],
    queryFn: () => api<{ date: string; items: CarrierLoad[] }>('GET', '/api/v1/carrier-load'),
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

// The scorecard over the last `days` days (7, 30 or 90 on the page); the previous window's stays on
// screen while the next one loads.
export function useScorecard(id: number, days: number) {
  return useQuery({
    queryKey: [...carrierKey(id), 'scorecard', days],
    queryFn: () => api<Scorecard>('GET', `${carrierPath(id)}/scorecard` + queryString({ days })),
    placeholderData: (previous) => previous,
    staleTime: 60_000,
  });
}

export function useApiKeys(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...carrierKey(id), 'api-keys'],
    queryFn: async () => (await api<{ items: CarrierApiKey[] }>('GET', `${carrierPath(id)}/api-keys`)).items,
    enabled,
    staleTime: 0,
  });
}

// --- writes ---

export const createCarrier = (input: CarrierInput) =>
  apiWithVersion<Carrier>('POST', '/api/v1/carriers', { body: input });

export const updateCarrier = (id: number, revision: number, input: Partial<CarrierInput>) =>
  apiWithVersion<Carrier>('PATCH', carrierPath(id), { body: input, headers: ifMatch(revision) });

export const suspendCarrier = (id: number, reason: string) =>
  apiWithVersion<Carrier>('POST', `${carrierPath(id)}/suspend`, { body: { reason } });

export const resumeCarrier = (id: number) => apiWithVersion<Carrier>('POST', `${carrierPath(id)}/resume`, { body: {} });

export const createApiKey = (id: number, label: string) =>
  api<NewCarrierApiKey>('POST', `${carrierPath(id)}/api-keys`, { body: { label } });

export const revokeApiKey = (id: number, keyId: number) => api<void>('DELETE', `${carrierPath(id)}/api-keys/${keyId}`);

// After a write: the record's cached answer is the server's new one; the lists are out of date.
export function carrierChanged(client: QueryClient, updated?: { body: Carrier; version: number | null }) {
  if (updated) client.setQueryData(carrierKey(updated.body.id), updated);
  void client.invalidateQueries({ queryKey: ['carriers'] });
}

// The carrier's scan code table with its revision (the ETag, sent back in If-Match).
export const scanCodesKey = (id: number) => [...carrierKey(id), 'scan-codes'];
export function useScanCodes(id: number) {
  return useQuery({
    queryKey: scanCodesKey(id),
    queryFn: () => apiWithVersion<ScanCodeTable>('GET', `${carrierPath(id)}/scan-codes`),
    staleTime: 0,
  });
}

// Replaces the whole table; an empty list goes back to the default.
export const saveScanCodes = (id: number, revision: number, rules: ScanCodeRule[]) =>
  apiWithVersion<ScanCodeTable>('PUT', `${carrierPath(id)}/scan-codes`, { body: { rules }, headers: ifMatch(revision) });
