// The editor's values and the wire's terms, both ways: amounts are typed in yuan and sent in fen,
// targets and rates typed in percent and sent in basis points — exactly (money.ts). And the server's
// field names (errors[].field: "quality.on_time_delivery_bp", "cod.minimum_fee.amount_minor",
// "transit_promises[1].zone") as the form's name paths.
import { amountToFen, bpToPercentText, fenToYuanText, rateToBp } from '../../app/money';
import {
  QUALITY_KEYS, type BillingCycle, type Money, type PickupFrequency, type QualityKey, type ServiceCode, type Terms,
  type Vehicle, type Zone,
} from './model';

export interface TermsFormValues {
  services: ServiceCode[];
  transit_promises: { product: string | undefined; zone: Zone | undefined; hours: number | null }[];
  quality: Record<QualityKey, string>;
  annual_value: string;
  declared_value_limit: string;
  compensation_cap: string;
  insurance_clause: boolean;
  account_period_days: number | null;
  billing_cycle: BillingCycle;
  cod: { enabled: boolean; fee_rate_bp: string; minimum_fee: string; remittance_days: number | null };
  signed_receipt: boolean;
  packaging: string;
  vehicle: Vehicle;
  pickup_frequency: PickupFrequency;
  start_date: string | null;
  end_date: string | null;
  auto_renewal: boolean;
  clauses: string[];
  internal_notes: string;
  // an amendment's own fields
  effective_from?: string | null;
  note?: string;
}

export function toFormValues(terms: Terms): TermsFormValues {
  return {
    services: [...terms.services],
    transit_promises: terms.transit_promises.map((p) => ({ ...p })),
    quality: Object.fromEntries(QUALITY_KEYS.map((k) => [k, bpToPercentText(terms.quality[k])])) as Record<QualityKey, string>,
    annual_value: fenToYuanText(terms.annual_value?.amount_minor ?? 0),
    declared_value_limit: fenToYuanText(terms.declared_value_limit.amount_minor),
    compensation_cap: fenToYuanText(terms.compensation_cap.amount_minor),
    insurance_clause: terms.insurance_clause,
    account_period_days: terms.account_period_days,
    billing_cycle: terms.billing_cycle,
    cod: terms.cod
      ? { enabled: true, fee_rate_bp: bpToPercentText(terms.cod.fee_rate_bp), minimum_fee: fenToYuanText(terms.cod.minimum_fee.amount_minor), remittance_days: terms.cod.remittance_days }
      : { enabled: false, fee_rate_bp: '1', minimum_fee: '2.00', remittance_days: 7 },
    signed_receipt: terms.signed_receipt,
    packaging: terms.packaging,
    vehicle: terms.vehicle,
    pickup_frequency: terms.pickup_frequency,
    start_date: terms.start_date,
    end_date: terms.end_date,
    auto_renewal: terms.auto_renewal,
    clauses: [...terms.clauses],
    internal_notes: terms.internal_notes ?? '',
  };
}

const cny = (text: string): Money => ({ amount_minor: amountToFen(text) ?? 0, currency: 'CNY' });
const bp = (text: string) => rateToBp(text) ?? 0;

// The body of a PATCH (or of an amendment, with its own fields added). The form's checks have made
// sure every amount and percentage reads; the rate card is the pricing module's and is not sent.
export function toTermsBody(v: TermsFormValues) {
  return {
    services: v.services ?? [],
    transit_promises: (v.transit_promises ?? []).map((p) => ({ product: (p.product ?? '').trim(), zone: p.zone, hours: p.hours })),
    quality: Object.fromEntries(QUALITY_KEYS.map((k) => [k, bp(v.quality[k])])),
    annual_value: cny(v.annual_value),
    declared_value_limit: cny(v.declared_value_limit),
    compensation_cap: cny(v.compensation_cap),
    insurance_clause: !!v.insurance_clause,
    account_period_days: v.account_period_days,
    billing_cycle: v.billing_cycle,
    cod: v.cod?.enabled
      ? { fee_rate_bp: bp(v.cod.fee_rate_bp), minimum_fee: cny(v.cod.minimum_fee), remittance_days: v.cod.remittance_days }
      : null,
    signed_receipt: !!v.signed_receipt,
    packaging: v.packaging ?? '',
    vehicle: v.vehicle,
    pickup_frequency: v.pickup_frequency,
    start_date: v.start_date || null,
    end_date: v.end_date || null,
    auto_renewal: !!v.auto_renewal,
    clauses: (v.clauses ?? []).map((c) => c ?? ''),
    internal_notes: v.internal_notes ?? '',
  };
}

// "transit_promises[1].zone" → ['transit_promises', 1, 'zone'].
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').flatMap((part) => {
    const m = part.match(/^(\w+)\[(\d+)\]$/);
    return m ? [m[1], Number(m[2])] : [part];
  });
}

// The form field that shows a server error about `field`: an amount's currency or minor units are
// its yuan input, a listed service the service checkboxes, a duplicate promise its product, the COD
// object its switch. Null for a field the form has no input for (state, If-Match, approver …).
export function shownPath(field: string): (string | number)[] | null {
  const path = fieldPath(field);
  const last = path[path.length - 1];
  if (last === 'amount_minor' || last === 'currency') path.pop();
  const head = path[0];
  if (head === 'services') return ['services'];
  if (head === 'transit_promises') return path.length === 2 ? [...path, 'product'] : path.length === 3 ? path : null;
  if (head === 'cod') return path.length === 1 ? ['cod', 'enabled'] : path;
  if (head === 'clauses') return path.length === 2 ? path : null;
  if (head === 'quality') return path.length === 2 ? path : null;
  const known = ['annual_value', 'declared_value_limit', 'compensation_cap', 'insurance_clause', 'account_period_days',
    'billing_cycle', 'signed_receipt', 'packaging', 'vehicle', 'pickup_frequency', 'start_date', 'end_date',
    'auto_renewal', 'internal_notes', 'effective_from', 'note'];
  return path.length === 1 && known.includes(String(head)) ? path : null;
}
