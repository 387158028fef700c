// The activities module's calls. Reads are react-query hooks; writes are plain functions the screens
// call, after which `activitiesChanged` marks every timeline and "my day" (and with it the bell) stale.
import { useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import type { Activity, ActivityKind, MyDay, Page, Referral } from './model';

const PAGE_SIZE = 20;

// A subject's activities, newest first, page by page (GET /activities?subject=kind:id).
export function useTimeline(subject: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['activities', 'timeline', subject],
    queryFn: ({ pageParam }) =>
      api<Page<Activity>>('GET', `/api/v1/activities${queryString({ subject, limit: PAGE_SIZE, cursor: pageParam })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    enabled,
    placeholderData: undefined,
    staleTime: 0,
  });
}

// The signed-in user's open next steps, overdue and due today (GET /activities/my-day). The header's bell
// reads the same entry, looked at again every few minutes.
export function useMyDay(enabled: boolean) {
  return useQuery({
    queryKey: ['activities', 'my-day'],
    queryFn: () => api<MyDay>('GET', '/api/v1/activities/my-day'),
    enabled,
    staleTime: 60_000,
    refetchInterval: enabled ? 5 * 60_000 : false,
  });
}

export interface ActivityDraft {
  subject: { kind: string; id: number };
  kind: ActivityKind;
  occurred_at?: string;
  outcome?: string;
  note?: string;
  next_step?: string;
  next_step_due_at?: string;
}

export function recordActivity(draft: ActivityDraft) {
  // No Idempotency-Key: these routes do not honour one (the customers, leads and opportunities creates do); the forms
  // keep their button busy while the request runs instead.
  return api<Activity>('POST', '/api/v1/activities', { body: draft });
}

export function completeNextStep(id: number) {
  return api<Activity>('POST', `/api/v1/activities/${id}/complete`);
}

export function activitiesChanged(client: QueryClient) {
  void client.invalidateQueries({ queryKey: ['activities'] });
}

// --- referrals ---

// Who referred the account (at most one).
export function useReferredBy(customerId: number, enabled: boolean) {
  return useQuery({
    queryKey: ['referrals', 'of', customerId],
    queryFn: async () =>
      (await api<Page<Referral>>('GET', `/api/v1/referrals${queryString({ referred_customer_id: customerId })}`)).items[0] ?? null,
    enabled,
    placeholderData: undefined,
    staleTime: 0,
  });
}

// The accounts it referred, newest first, page by page.
export function useReferredAccounts(customerId: number, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['referrals', 'by', customerId],
    queryFn: ({ pageParam }) =>
      api<Page<Referral>>('GET', `/api/v1/referrals${queryString({ referrer_customer_id: customerId, limit: PAGE_SIZE, cursor: pageParam })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    enabled,
    placeholderData: undefined,
    staleTime: 0,
  });
}

export interface ReferralDraft {
  referred_customer_id: number;
  referrer_customer_id: number;
  reward_note?: string;
  reward_points?: number;
}

export function recordReferral(draft: ReferralDraft) {
  return api<Referral>('POST', '/api/v1/referrals', { body: draft });
}

export function deleteReferral(id: number) {
  return api<void>('DELETE', `/api/v1/referrals/${id}`);
}

export function referralsChanged(client: QueryClient) {
  void client.invalidateQueries({ queryKey: ['referrals'] });
}

// Accounts whose name, code, contact or phone tail matches `q` (the customer list's search), for a picker.
export async function searchAccounts(q: string) {
  const page = await api<Page<{ id: number; code: string; name: string }>>('GET',
    `/api/v1/customers${queryString({ q, limit: 20, status: 'active' })}`);
  return page.items;
}
