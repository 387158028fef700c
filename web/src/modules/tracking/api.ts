// The tracking module's calls (src/modules/tracking/tracking_http.cpp; docs/openapi.yaml): an order's
// tracking (orders.read, the orders' record rules: a portal user reads its own), the public tracking of
// a waybill (no login), the dispatcher's exception queue and its resolve. The shapes are spelled out
// here: the document's response schemas leave every member optional.
import { useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import { orderPath } from '../orders/api';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const KINDS = ['stalled', 'lost', 'at_risk', 'late', 'failed_delivery', 'damaged', 'contradicted'] as const;
export type ExceptionKind = (typeof KINDS)[number];
export const EXCEPTION_STATES = ['open', 'resolved', 'all'] as const;
export type ExceptionState = (typeof EXCEPTION_STATES)[number];

export interface Eta {
  p50: string;
  p90: string;
  basis: 'lane' | 'promise' | 'out_for_delivery' | 'delivered';
  confidence: 'low' | 'medium' | 'high';
}

export interface TimelineEvent {
  time: string;                 // RFC 3339, UTC
  utc_offset_minutes: number;   // the zone the carrier wrote it in
  code: string;                 // the carrier's raw code
  status: string;
  status_zh: string;
  status_en: string;
  substatus: string;
  claim: boolean;               // a status the carrier reports without a scan: it never sets the status
  party: string;
  reason: string;
  division: string;
  place: string;
  signer: string;               // masked
  source: 'push' | 'poll';
}

export interface TrackingException {
  id: number;
  order_id: number;
  waybill: string;
  carrier_id: number | null;
  kind: ExceptionKind;
  kind_zh: string;
  severity: Severity;
  party: string;
  since: string;
  detail_zh: string;
  detail_en: string;
  raised_at: string;
  state: 'open' | 'resolved';
  outcome: string;
  resolved_at: string | null;
  // Whether the customer was told (the notify module's outbox); null: the account chose not to hear of exceptions.
  customer_told: 'sent' | 'queued' | 'failed' | 'dead' | null;
  customer_told_at: string | null;
}

export interface Tracking {
  waybill: string;
  status: string;
  status_zh: string;
  status_en: string;
  substatus: string;
  last_place: string;
  last_scan_at: string | null;
  picked_up_at: string | null;
  delivered_at: string | null;
  failed_attempts: number;
  promised_at: string;
  eta: Eta | null;
  timeline: TimelineEvent[];    // oldest first, as the server sends it
}

// A city on the way (or a province, when only it is known): GB/T 2260 "4403" / "44" and its name.
export interface RouteStop {
  division: string;
  name: string;
}

// The public page's answer: the tracking, the cities the scans passed through, the consignee's city,
// and the brand of the customer's account (null when it has none).
export interface PublicTracking extends Tracking {
  route: RouteStop[];
  destination: RouteStop | null;
  brand: { primary_color: string | null; logo_url: string | null } | null;
}

export interface OrderTracking extends Tracking {
  order_id: number;
  carrier_id: number | null;
  exceptions: TrackingException[];
}

export const trackingKey = (id: string | number) => ['tracking', String(id)];

export function useOrderTracking(id: string | number | undefined) {
  return useQuery({
    queryKey: trackingKey(id ?? ''),
    queryFn: () => api<OrderTracking>('GET', `${orderPath(id ?? '')}/tracking`),
    enabled: id !== undefined,
    staleTime: 0,
  });
}

// The public read: a wrong check digit is 400 invalid_waybill, an unknown waybill 404 — neither is
// worth a retry.
export function usePublicTracking(waybill: string | undefined) {
  return useQuery({
    queryKey: ['track', waybill ?? ''],
    queryFn: () => api<PublicTracking>('GET', `/api/v1/track/${encodeURIComponent(waybill ?? '')}`),
    enabled: !!waybill,
    retry: false,
    staleTime: 30_000,
  });
}

export type ExceptionFilters = Partial<Record<'state' | 'kind' | 'carrier_id' | 'order_id', string>>;

interface Page { items: TrackingException[]; next_cursor: string | null }

export function useExceptions(filters: ExceptionFilters) {
  return useInfiniteQuery({
    queryKey: ['exceptions', filters],
    queryFn: ({ pageParam }) => api<Page>('GET', '/api/v1/exceptions' + queryString({ ...filters, limit: 100, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    staleTime: 0,
  });
}

export function resolveException(id: number, outcome: string): Promise<void> {
  return api<void>('POST', `/api/v1/exceptions/${id}/resolve`, { body: { outcome } });
}

// After a resolve: the queue and every order's tracking card are out of date.
export function exceptionsChanged(client: QueryClient) {
  void client.invalidateQueries({ queryKey: ['exceptions'] });
  void client.invalidateQueries({ queryKey: ['tracking'] });
}

// Newest first, for the screens (the server sends them by event time, then arrival).
export const newestFirst = (timeline: readonly TimelineEvent[]) => [...timeline].reverse();
