// The pipeline module's calls. Reads are react-query hooks; writes are plain functions the pages call
// and then tell the cache about (opportunityChanged). GET /opportunities pages by id, newest first
// (limit ≤ 200, next_cursor), with no sort and no total: the board walks the pages, the list loads more.
import { useInfiniteQuery, useQueries, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import type { LostReason, Opportunity, OpportunityPage, Stage, WonAnswer } from './model';

const BASE = '/api/v1/opportunities';
const MAX_PAGE = 200;
// The board shows at most this many opportunities of each kind (open, won); more are left to the list.
export const BOARD_CAP = 1000;

export interface BoardData {
  open: Opportunity[];
  won: Opportunity[];
  truncated: boolean;  // more than BOARD_CAP of either kind
}

export const boardKey = (ownerId: string | undefined) => ['opportunities', 'board', ownerId ?? ''];
export const opportunityKey = (id: string | number) => ['opportunity', String(id)];

async function walk(params: Record<string, string | undefined>): Promise<{ items: Opportunity[]; truncated: boolean }> {
  const items: Opportunity[] = [];
  let cursor: string | null = null;
  do {
    const page: OpportunityPage = await api<OpportunityPage>('GET', BASE + queryString({ ...params, limit: MAX_PAGE, cursor }));
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && items.length < BOARD_CAP);
  return { items: items.slice(0, BOARD_CAP), truncated: cursor !== null };
}

// Every open opportunity (the first five stages) and the won ones (维护) the caller may see, of one
// owner or of all.
export function useBoard(ownerId: string | undefined) {
  return useQuery({
    queryKey: boardKey(ownerId),
    queryFn: async (): Promise<BoardData> => {
      const [open, won] = await Promise.all([
        walk({ outcome: 'open', owner_id: ownerId }),
        walk({ outcome: 'won', owner_id: ownerId }),
      ]);
      return { open: open.items, won: won.items, truncated: open.truncated || won.truncated };
    },
    placeholderData: undefined,  // another owner's cards never stand in for this owner's
  });
}

export interface ListFilters { stage?: string; outcome?: string; owner_id?: string }

// The list view: pages of `limit`, more on request.
export function useOpportunityList(filters: ListFilters, limit: number) {
  return useInfiniteQuery({
    queryKey: ['opportunities', 'list', filters, limit],
    queryFn: ({ pageParam }) => api<OpportunityPage>('GET', BASE + queryString({ ...filters, limit, cursor: pageParam })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

export function useOpportunity(id: string | undefined) {
  return useQuery({
    queryKey: opportunityKey(id ?? ''),
    queryFn: () => api<Opportunity>('GET', `${BASE}/${encodeURIComponent(id ?? '')}`),
    enabled: id !== undefined,
    placeholderData: undefined,
    staleTime: 0,
  });
}

export interface UserOptions {
  users: { id: number; name: string; team_id: number | null }[];
  teams: { id: number; name: string }[];
  truncated: boolean;
}

// The active staff users (owners' names, the owner filter); the same cache entry the customers module uses.
export function useUserOptions() {
  return useQuery({
    queryKey: ['users', 'options'],
    queryFn: () => api<UserOptions>('GET', '/api/v1/users/options'),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

// The names of the accounts the opportunities belong to (the opportunity carries only account_id):
// one GET /customers/{id} per account, cached; a name not loaded yet, or not visible, is absent.
export function useAccountNames(ids: number[]): Map<number, string> {
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: ['pipeline', 'account-name', id],
      queryFn: async () => (await api<{ name: string }>('GET', `/api/v1/customers/${id}`)).name,
      staleTime: 5 * 60_000,
      retry: false,
    })),
  });
  const names = new Map<number, string>();
  unique.forEach((id, i) => {
    const name = results[i]?.data;
    if (name) names.set(id, name);
  });
  return names;
}

export const changeStage = (id: number, stage: Stage) => api<Opportunity>('POST', `${BASE}/${id}/stage`, { body: { stage } });
export const markWon = (id: number) => api<WonAnswer>('POST', `${BASE}/${id}/won`);
export const markLost = (id: number, reason: LostReason, note: string) =>
  api<Opportunity>('POST', `${BASE}/${id}/lost`, { body: { reason, note } });
export const updateOpportunity = (id: number, body: Record<string, unknown>) =>
  api<Opportunity>('PATCH', `${BASE}/${id}`, { body });

// After a write: the record's cached answer is the server's, the board and the lists are reloaded.
export function opportunityChanged(client: QueryClient, updated: Opportunity) {
  client.setQueryData(opportunityKey(updated.id), updated);
  void client.invalidateQueries({ queryKey: ['opportunities'] });
}
