// The pricing module's calls (src/modules/pricing/README.md, docs/openapi.yaml): service products,
// rate cards, the zone matrix, quotes. Reads are react-query hooks; writes are plain functions the
// pages call. The shapes are spelled out here because the document's response schemas leave every
// member optional; the enums are checked against the document (app/schema.ts).
import { useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, apiWithVersion, queryString } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { sameValues, type Schemas } from '../../app/schema';

export interface Money { amount_minor: number; currency: string }

export const ZONES = sameValues<NonNullable<Schemas['Quote']['zone']>>()(
  ['same_city', 'same_province', 'adjacent_province', 'cross_province', 'remote']);
export type Zone = (typeof ZONES)[number];
export const ROUNDINGS = sameValues<Schemas['RateCardPrices']['rounding']>()(['half_kg', 'one_kg']);
export type Rounding = (typeof ROUNDINGS)[number];
export const SERVICES = sameValues<NonNullable<Schemas['QuoteRequest']['services']>[number]>()(
  ['insured', 'cod', 'signed_receipt', 'packaging']);
export type Service = (typeof SERVICES)[number];
export type CardKind = 'published' | 'agreement';
export type CardStatus = 'draft' | 'active' | 'ended';

export interface ServiceProduct {
  code: string;
  name_zh: string;
  name_en: string;
  volumetric_divisor: number;
  dimensions_required: boolean;
}

export interface WeightBand {
  from_grams: number;
  to_grams: number;
  first_grams: number;
  first_price: Money;
  step_grams: number;
  step_price: Money;
}

export interface RateFee { rate_bp: number; minimum: Money }

export interface RateCardPrices {
  rounding: Rounding;
  minimum_charge: Money;
  remote_surcharge: Money;
  zones: { zone: Zone; bands: WeightBand[] }[];
  fees: { insured: RateFee; cod: RateFee; signed_receipt: Money; packaging: Money };
  discounts: { min_monthly_shipments: number; discount_bp: number }[];
}

export interface RateCard extends RateCardPrices {
  id: number;
  kind: CardKind;
  product: string;
  name: string;
  status: CardStatus;
  customer_id: number | null;
  contract_id: number | null;
  valid_from: string | null;
  valid_to: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ZoneMatrix { adjacent: [string, string][]; remote: string[] }

export interface QuoteLine {
  code: string;
  label_zh: string;
  label_en: string;
  amount: Money;
  rule_zh: string;
  rule_en: string;
}

export interface Quote {
  zone: Zone;
  zone_zh: string;
  zone_en: string;
  actual_grams: number;
  volumetric_grams: number | null;
  chargeable_grams: number;
  lines: QuoteLine[];
  total: Money;
  product: ServiceProduct;
  rate_card: { id: number; kind: CardKind; name: string; customer_id: number | null; contract_id: number | null };
  date: string;
}

export type QuoteRequest = Schemas['QuoteRequest'];

export const cny = (fen: number) => ({ amount_minor: fen, currency: 'CNY' as const });

// --- reads ---

export function useProducts() {
  return useQuery({
    queryKey: ['service-products'],
    queryFn: async () => (await api<{ items: ServiceProduct[] }>('GET', '/api/v1/service-products')).items,
    staleTime: 5 * 60_000,
  });
}

// A service product's name by its code in the console's language (a transit promise, a price list and
// a contract name products by code); the code itself until the products have loaded.
export function useProductName(): (code: string) => string {
  const { lang } = useI18n();
  const products = useProducts();
  return (code) => {
    const p = products.data?.find((x) => x.code === code);
    return p ? (lang === 'zh' ? p.name_zh : p.name_en) : code;
  };
}

export const cardKey = (id: number) => ['rate-card', id];

// One card with its version (the ETag, sent back in If-Match).
export function useRateCard(id: number) {
  return useQuery({
    queryKey: cardKey(id),
    queryFn: async () => {
      const { body, version } = await apiWithVersion<RateCard>('GET', `/api/v1/rate-cards/${id}`);
      return { card: body, version: version ?? body.version };
    },
    enabled: id > 0,
    placeholderData: undefined,
    staleTime: 0,
  });
}

export interface CardFilter { kind?: CardKind; product?: string; customer_id?: number; status?: CardStatus }

// The cards of a filter, a page at a time (cursor paging by id).
export function useRateCards(filter: CardFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['rate-cards', filter],
    queryFn: ({ pageParam }) =>
      api<{ items: RateCard[]; next_cursor: string | null }>('GET',
        `/api/v1/rate-cards${queryString({ ...filter, limit: 50, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled,
    staleTime: 0,
  });
}

export function useZoneMatrix() {
  return useQuery({
    queryKey: ['zone-matrix'],
    queryFn: () => api<ZoneMatrix>('GET', '/api/v1/zone-matrix'),
    placeholderData: undefined,
    staleTime: 0,
  });
}

// --- writes ---

// The prices part of a card: what a new draft copies and what PUT replaces.
export function pricesOf(card: RateCardPrices): RateCardPrices {
  const { rounding, minimum_charge, remote_surcharge, zones, fees, discounts } = card;
  return { rounding, minimum_charge, remote_surcharge, zones, fees, discounts };
}

export async function createDraftFrom(card: RateCard, name: string): Promise<RateCard> {
  return api<RateCard>('POST', '/api/v1/rate-cards', {
    body: {
      kind: card.kind, product: card.product, name, ...pricesOf(card),
      ...(card.kind === 'agreement' ? { customer_id: card.customer_id ?? undefined, contract_id: card.contract_id ?? undefined } : {}),
    },
  });
}

export async function activateCard(id: number, validFrom?: string, validTo?: string): Promise<RateCard> {
  return api<RateCard>('POST', `/api/v1/rate-cards/${id}/activate`, { body: { valid_from: validFrom, valid_to: validTo } });
}

export async function endCard(id: number): Promise<RateCard> {
  return api<RateCard>('POST', `/api/v1/rate-cards/${id}/end`);
}

// After a write: the card's cached answer is the server's new one; the lists and the quotes (one may
// have been priced with this very card) are out of date.
export function cardChanged(client: QueryClient, card: RateCard, version: number = card.version) {
  client.setQueryData(cardKey(card.id), { card, version });
  void client.invalidateQueries({ queryKey: ['rate-cards'] });
  void client.invalidateQueries({ queryKey: ['quote'] });
}
