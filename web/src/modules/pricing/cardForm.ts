// A rate card as the grid's form holds it — every amount as the text a person reads and types (yuan,
// percent, kilograms) under the API's own field names, so a problem the server names by path
// ("zones[2].bands[1].from_grams") lands on the cell of that name — and back, exactly (units.ts).
import { cny, type RateCard, type RateCardPrices, type Rounding, type Zone } from './api';
import { bpToPercentText, fenToYuanText, gramsToKgText, kgToGrams, percentToBp, whole, yuanToFen } from '../../app/money';

export type Kind = 'yuan' | 'kg' | 'percent' | 'count';

export interface BandValues {
  from_grams: string;
  to_grams: string;
  first_grams: string;
  first_price: string;
  step_grams: string;
  step_price: string;
}
interface FeeValues { rate_bp: string; minimum: string }
export interface TierValues { min_monthly_shipments: string; discount_bp: string }

export interface CardValues {
  name: string;
  rounding: Rounding;
  minimum_charge: string;
  remote_surcharge: string;
  zones: { zone: Zone; bands: BandValues[] }[];
  fees: { insured: FeeValues; cod: FeeValues; signed_receipt: string; packaging: string };
  discounts: TierValues[];
}

export type Path = (string | number)[];

// "zones[2].bands[1].from_grams" ⇄ ['zones', 2, 'bands', 1, 'from_grams'].
export const pathName = (path: Path) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
export function parsePath(field: string): Path {
  const out: Path = [];
  for (const part of field.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return [field];
    if (m[1]) out.push(m[1]);
    for (const index of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

// What unit a field of the card is in, from its name.
export function kindOf(path: Path): Kind {
  const leaf = String(path[path.length - 1]);
  if (leaf.endsWith('_grams')) return 'kg';
  if (leaf.endsWith('_bp')) return 'percent';
  if (leaf === 'min_monthly_shipments') return 'count';
  return 'yuan';
}

export const PARSE: Record<Kind, (text: string) => number | null> = {
  yuan: yuanToFen, kg: kgToGrams, percent: percentToBp, count: whole,
};

const yuan = (m: { amount_minor: number }) => fenToYuanText(m.amount_minor);

export function toValues(card: RateCard): CardValues {
  return {
    name: card.name,
    rounding: card.rounding,
    minimum_charge: yuan(card.minimum_charge),
    remote_surcharge: yuan(card.remote_surcharge),
    zones: card.zones.map((z) => ({
      zone: z.zone,
      bands: z.bands.map((b) => ({
        from_grams: gramsToKgText(b.from_grams),
        to_grams: gramsToKgText(b.to_grams),
        first_grams: gramsToKgText(b.first_grams),
        first_price: yuan(b.first_price),
        step_grams: gramsToKgText(b.step_grams),
        step_price: yuan(b.step_price),
      })),
    })),
    fees: {
      insured: { rate_bp: bpToPercentText(card.fees.insured.rate_bp), minimum: yuan(card.fees.insured.minimum) },
      cod: { rate_bp: bpToPercentText(card.fees.cod.rate_bp), minimum: yuan(card.fees.cod.minimum) },
      signed_receipt: yuan(card.fees.signed_receipt),
      packaging: yuan(card.fees.packaging),
    },
    discounts: card.discounts.map((d) => ({
      min_monthly_shipments: String(d.min_monthly_shipments),
      discount_bp: bpToPercentText(d.discount_bp),
    })),
  };
}

// The PUT body. REQUIRES: every text passed its format check (the form's rules); one that did not
// would go as null and come back from the server as an error at its path.
export function toPrices(v: CardValues): RateCardPrices & { name: string } {
  const n = (kind: Kind, text: string) => PARSE[kind](text.trim()) as number;
  const money = (text: string) => cny(n('yuan', text));
  return {
    name: v.name.trim(),
    rounding: v.rounding,
    minimum_charge: money(v.minimum_charge),
    remote_surcharge: money(v.remote_surcharge),
    zones: v.zones.map((z) => ({
      zone: z.zone,
      bands: z.bands.map((b) => ({
        from_grams: n('kg', b.from_grams),
        to_grams: n('kg', b.to_grams),
        first_grams: n('kg', b.first_grams),
        first_price: money(b.first_price),
        step_grams: n('kg', b.step_grams),
        step_price: money(b.step_price),
      })),
    })),
    fees: {
      insured: { rate_bp: n('percent', v.fees.insured.rate_bp), minimum: money(v.fees.insured.minimum) },
      cod: { rate_bp: n('percent', v.fees.cod.rate_bp), minimum: money(v.fees.cod.minimum) },
      signed_receipt: money(v.fees.signed_receipt),
      packaging: money(v.fees.packaging),
    },
    discounts: (v.discounts ?? []).map((d) => ({
      min_monthly_shipments: n('count', d.min_monthly_shipments),
      discount_bp: n('percent', d.discount_bp),
    })),
  };
}

// A new band after the last one: it starts where the last ends, with the same steps.
export function nextBand(last: BandValues | undefined): BandValues {
  return {
    from_grams: last?.to_grams ?? '0',
    to_grams: '',
    first_grams: last?.first_grams ?? '1',
    first_price: '',
    step_grams: last?.step_grams ?? '0.5',
    step_price: '',
  };
}
