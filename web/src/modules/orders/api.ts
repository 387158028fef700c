// The orders module's calls (src/modules/orders/orders_http.cpp, order_json.cpp; docs/openapi.yaml):
// orders, their history, cancel / override / allocate again / reveal, the dispatcher's queue, the
// allocation settings; carriers' names for the filters and the override (GET /api/v1/carriers, staff
// with carriers.read). Reads are react-query hooks; writes are plain functions the pages call,
// followed by orderChanged(). The shapes are spelled out here: the document's response schemas leave
// every member optional.
import { useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, idempotencyKey, queryString } from '../../app/api';
import { useI18n } from '../../app/i18n';
import type { QuoteLine } from '../pricing/api';

export interface Money { amount_minor: number; currency: string }

export const STATUSES = ['pending', 'allocated', 'picked_up', 'cancelled'] as const;
export type OrderStatus = (typeof STATUSES)[number];
export const CANCELLABLE: readonly OrderStatus[] = ['pending', 'allocated'];
export const CATEGORIES = ['general', 'documents', 'fragile', 'liquid', 'battery', 'fresh', 'valuables'] as const;
export const ORDER_SERVICES = ['insured', 'cod', 'signed_receipt', 'packaging'] as const;
export type OrderService = (typeof ORDER_SERVICES)[number];
export const CRITERIA = ['cost', 'transit', 'on_time', 'damage', 'scan'] as const;
export type Criterion = (typeof CRITERIA)[number];

export interface Party { name: string; phone: string; division: string; address: string }

export interface OrderSummary {
  id: number;
  waybill: string;
  customer_id: number;
  status: OrderStatus;
  source: 'console' | 'portal' | 'api' | 'import';
  product: string;
  ship_date: string;
  origin: string;          // division codes
  destination: string;
  consignee_name: string;  // masked
  pieces: number;
  weight_grams: number;
  price: Money;
  carrier_id: number | null;
  allocation_mode: 'none' | 'auto' | 'batch' | 'override';
  reference: string;
  promised_at: string;
  created_at: string;
  has_exception?: boolean;  // an open exception (the tracking module keeps the flag)
}

export interface Candidate {
  carrier_id: number;
  name: string;
  excluded: '' | 'suspended' | 'no_coverage' | 'no_product' | 'no_rate' | 'full' | 'failing';
  reason_zh: string;
  reason_en: string;
  scores: Record<Criterion, number>;  // each 0–10000
  total: number;
  meets_promise: boolean;
  cost: Money | null;
  transit_hours: number | null;
}

export interface Allocation {
  mode?: OrderSummary['allocation_mode'];
  carrier_id?: number | null;
  summary_zh?: string;
  summary_en?: string;
  override_reason?: string;
  decided_at?: string;
  candidates?: Candidate[];
}

export interface Order extends OrderSummary {
  shipper: Party;
  consignee: Party;
  goods: {
    pieces: number;
    weight_grams: number;
    category: string;
    description: string;
    declared_value: Money | null;
    dimensions_cm: { length: number; width: number; height: number } | null;
  };
  services: { insured: boolean; cod_amount: Money | null; signed_receipt: boolean; packaging: boolean };
  notes: string;
  zone: string;
  chargeable_grams: number;
  price_lines: QuoteLine[];
  rate_card_id: number;
  contract_id: number | null;
  promised_hours: number;
  carrier_cost: Money | null;
  allocation: Allocation;
  override_reason: string;
  cancel_reason: string;
  updated_at: string;
  revision: number;
}

export interface OrderDraftBody {
  customer_id?: number;
  product: string;
  ship_date?: string;
  shipper: Party;
  consignee: Party;
  goods: {
    pieces: number;
    weight_grams: number;
    dimensions_cm?: { length: number; width: number; height: number };
    category: string;
    description?: string;
    declared_value?: Money;
  };
  services: OrderService[];
  cod_amount?: Money;
  reference?: string;
  notes?: string;
}

export interface HistoryItem { id: number; at: string; actor: string; action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }

export interface Carrier { id: number; code: string; name_zh: string; name_en: string; status: 'active' | 'suspended' }

export interface AllocationSettings {
  weights: { cost_bp: number; transit_bp: number; on_time_bp: number; damage_bp: number; scan_bp: number };
  thresholds: { min_on_time_bp: number; max_damage_bp: number; min_scan_bp: number };
}

export const orderPath = (id: string | number) => `/api/v1/orders/${encodeURIComponent(String(id))}`;
export const orderKey = (id: string | number) => ['order', String(id)];

// The list's filters as the API reads them (all strings, from the URL).
export type OrderFilters = Partial<Record<'status' | 'exception' | 'carrier_id' | 'customer_id' | 'province' | 'from' | 'to' | 'q' | 'queue', string>>;

interface Page { items: OrderSummary[]; next_cursor: string | null }

// Newest first, a cursor page at a time ("load more").
export function useOrderList(filters: OrderFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['orders', 'list', filters],
    queryFn: ({ pageParam }) => api<Page>('GET', '/api/v1/orders' + queryString({ ...filters, limit: 50, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled,
    staleTime: 0,
  });
}

export function useOrder(id: string | undefined) {
  return useQuery({
    queryKey: orderKey(id ?? ''),
    queryFn: () => api<Order>('GET', orderPath(id ?? '')),
    enabled: id !== undefined,
    placeholderData: undefined,
    staleTime: 0,
  });
}

export function useOrderHistory(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...orderKey(id ?? ''), 'history'],
    queryFn: async () => (await api<{ items: HistoryItem[] }>('GET', `${orderPath(id ?? '')}/history`)).items,
    enabled: enabled && id !== undefined,
    staleTime: 0,
  });
}

// Every carrier (a few dozen at most: one page of 200), for the filter and the override.
export function useCarriers(enabled: boolean) {
  return useQuery({
    queryKey: ['carriers', 'all'],
    queryFn: async () => (await api<{ items: Carrier[] }>('GET', '/api/v1/carriers?limit=200')).items,
    enabled,
    staleTime: 60_000,
    retry: false,
  });
}

// A carrier's name in the console's language, by id ("#7" until the carriers have loaded, or for a
// user who may not read them).
export function useCarrierName(enabled: boolean): (id: number | null | undefined) => string {
  const { lang } = useI18n();
  const carriers = useCarriers(enabled);
  return (id) => {
    if (id === null || id === undefined) return '';
    const c = carriers.data?.find((x) => x.id === id);
    return c ? (lang === 'zh' ? c.name_zh : c.name_en || c.name_zh) : `#${id}`;
  };
}

export function useAllocationSettings(enabled: boolean) {
  return useQuery({
    queryKey: ['allocation-settings'],
    queryFn: () => api<AllocationSettings>('GET', '/api/v1/allocation-settings'),
    enabled,
    staleTime: 0,
  });
}

// Whether the customer's contract in force allows COD (代收货款): null while unknown (no customer yet,
// loading, or a user who may not read contracts — the server then decides and names the field).
export function useCodAllowed(customerId: number | null | undefined, canRead: boolean): boolean | null {
  const enabled = !!customerId && canRead;
  const q = useQuery({
    queryKey: ['orders', 'cod-allowed', customerId],
    queryFn: async () => {
      const list = await api<{ items: { id: number; state: string }[] }>('GET', '/api/v1/contracts' + queryString({ customer_id: customerId ?? undefined, limit: 50 }));
      const inForce = list.items.find((c) => c.state === 'active' || c.state === 'expiring');
      if (!inForce) return false;
      const contract = await api<{ terms?: { cod?: unknown } }>('GET', `/api/v1/contracts/${inForce.id}`);
      return !!contract.terms?.cod;
    },
    enabled,
    staleTime: 60_000,
    retry: false,
  });
  if (!enabled || q.isError) return null;
  return q.data ?? null;
}

// --- writes ---

// One create per submit: the caller keeps the key for the submit (a double click or a retry sends it
// again and the server answers the first order).
export const newSubmitKey = idempotencyKey;

export function createOrder(body: OrderDraftBody, key: string): Promise<Order> {
  return api<Order>('POST', '/api/v1/orders', { body, headers: { 'Idempotency-Key': key } });
}

export function cancelOrder(id: number, reason: string): Promise<Order> {
  return api<Order>('POST', `${orderPath(id)}/cancel`, { body: reason ? { reason } : {} });
}

export function overrideOrder(id: number, carrierId: number, reason: string): Promise<Order> {
  return api<Order>('POST', `${orderPath(id)}/override`, { body: { carrier_id: carrierId, reason } });
}

export function allocateAgain(id: number): Promise<Order> {
  return api<Order>('POST', `${orderPath(id)}/allocate`);
}

export function revealParty(id: number, party: 'shipper' | 'consignee', why: { reason: string; reason_text?: string }): Promise<Party> {
  return api<Party>('POST', `${orderPath(id)}/reveal`, { body: { party, ...why } });
}

export function saveAllocationSettings(s: AllocationSettings): Promise<AllocationSettings> {
  return api<AllocationSettings>('PUT', '/api/v1/allocation-settings', { body: s });
}

// After a write: the order's cached answer is the server's new one; its history and the lists are
// out of date.
export function orderChanged(client: QueryClient, order: Order) {
  client.setQueryData(orderKey(order.id), order);
  client.setQueryData(orderKey(order.waybill), order);
  void client.invalidateQueries({ queryKey: [...orderKey(order.id), 'history'] });
  void client.invalidateQueries({ queryKey: ['orders'] });
}
