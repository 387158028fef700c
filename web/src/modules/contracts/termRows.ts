// A contract's terms as labelled rows of text, section by section: what the read-only view lists and
// what the version comparison lines up (a row's key is the same in every version: a transit promise by
// its product and zone, a clause by its number), so a changed term is one changed row.
import type { MessageKey } from '../../app/i18n/zh';
import { bpToPercentText, formatMoney } from '../../app/money';
import { QUALITY_KEYS, SERVICES_BY_TIER, TIERS, type Terms } from './model';

export const SECTIONS = ['services', 'prices', 'transit', 'quality', 'value', 'payment', 'cod', 'handling', 'term',
  'clauses', 'notes'] as const;
export type Section = typeof SECTIONS[number];

export interface TermRow { key: string; section: Section; label: string; value: string }

interface Words {
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  label: (group: string, value: string | null | undefined) => string;
  product?: (code: string) => string;  // a service product's name by its code (the code itself without it)
}

export function termRows(terms: Terms, { t, label, product = (code) => code }: Words): TermRow[] {
  const rows: TermRow[] = [];
  const add = (section: Section, key: string, rowLabel: string, value: string) => rows.push({ section, key, label: rowLabel, value });
  const yesNo = (v: boolean) => t(v ? 'term.yes' : 'term.no');
  const none = t('term.none');

  for (const tier of TIERS) {
    const chosen = SERVICES_BY_TIER[tier].filter((s) => terms.services.includes(s));
    add('services', `services.${tier}`, t('term.tier', { tier: label('contract_tier', tier) }),
      chosen.length ? chosen.map((s) => label('contract_service', s)).join('、') : none);
  }
  add('prices', 'rate_card_id', t('prices.rateCard'),
    terms.rate_card_id ? t('prices.rateCardId', { id: terms.rate_card_id }) : t('prices.noRateCard'));
  for (const p of terms.transit_promises) {
    add('transit', `transit.${p.product}.${p.zone}`, `${product(p.product)} · ${label('contract_zone', p.zone)}`, t('term.hours', { n: p.hours }));
  }
  if (terms.transit_promises.length === 0) add('transit', 'transit', t('section.transit'), none);
  for (const k of QUALITY_KEYS) {
    add('quality', `quality.${k}`, t(`field.quality.${k}` as MessageKey), `${k === 'damage_max_bp' ? '≤ ' : '≥ '}${bpToPercentText(terms.quality[k])}%`);
  }
  if (terms.annual_value) add('value', 'annual_value', t('field.annualValue'), formatMoney(terms.annual_value));
  add('value', 'declared_value_limit', t('field.declaredValueLimit'), formatMoney(terms.declared_value_limit));
  add('value', 'compensation_cap', t('field.compensationCap'), formatMoney(terms.compensation_cap));
  add('value', 'insurance_clause', t('field.insuranceClause'), yesNo(terms.insurance_clause));
  add('payment', 'account_period_days', t('field.accountPeriod'), t('term.days', { n: terms.account_period_days }));
  add('payment', 'billing_cycle', t('field.billingCycle'), label('billing_cycle', terms.billing_cycle));
  add('cod', 'cod', t('field.codEnabled'), terms.cod
    ? t('term.cod', { rate: bpToPercentText(terms.cod.fee_rate_bp), min: formatMoney(terms.cod.minimum_fee), days: terms.cod.remittance_days })
    : none);
  add('handling', 'signed_receipt', t('field.signedReceipt'), yesNo(terms.signed_receipt));
  add('handling', 'packaging', t('field.packagingRules'), terms.packaging || none);
  add('handling', 'vehicle', t('field.vehicle'), label('vehicle', terms.vehicle));
  add('handling', 'pickup_frequency', t('field.pickupFrequency'), label('pickup_frequency', terms.pickup_frequency));
  add('term', 'start_date', t('field.startDate'), terms.start_date ?? none);
  add('term', 'end_date', t('field.endDate'), terms.end_date ?? none);
  add('term', 'auto_renewal', t('field.autoRenewal'), yesNo(terms.auto_renewal));
  terms.clauses.forEach((c, i) => add('clauses', `clauses.${i}`, t('field.clause', { n: i + 1 }), c));
  if (terms.clauses.length === 0) add('clauses', 'clauses', t('section.clauses'), none);
  if (terms.internal_notes !== undefined) add('notes', 'internal_notes', t('section.notes'), terms.internal_notes || none);
  return rows;
}
