// Small parts the carrier screens share: the status and kind tags, the coverage read against the
// division tree (names, whole provinces or some cities), and capacity use in percent.
import { Tag } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../app/i18n';
import { useDivisions, type Division } from '../customers/formParts';
import type { ProvinceCoverage } from './charts';
import type { Carrier, CarrierKind, CarrierLoad, CarrierStatus } from './model';

export function StatusTag({ status, testId }: { status: CarrierStatus; testId?: string }) {
  const { label } = useI18n();
  return <Tag color={status === 'active' ? 'green' : 'red'} data-testid={testId} data-status={status}>{label('carrier_status', status)}</Tag>;
}

export function KindTag({ kind }: { kind: CarrierKind }) {
  const { label } = useI18n();
  return <Tag color={kind === 'own' ? 'blue' : 'default'}>{label('carrier_kind', kind)}</Tag>;
}

// The carrier's coverage by province, in the divisions' order; unknown codes are left out.
export function coverageByProvince(coverage: string[], provinces: Division[]): ProvinceCoverage[] {
  const set = new Set(coverage);
  const out: ProvinceCoverage[] = [];
  for (const p of provinces) {
    if (set.has(p.code)) {
      out.push({ code: p.code, name: p.name, whole: true, cities: [] });
      continue;
    }
    const cities = (p.children ?? []).filter((c) => set.has(c.code)).map((c) => c.name);
    if (cities.length > 0) out.push({ code: p.code, name: p.name, whole: false, cities });
  }
  return out;
}

// The coverage of a carrier, read against the division tree (loaded once per session).
export function useCoverage(coverage: string[] | undefined) {
  const divisions = useDivisions();
  const provinces = divisions.data;
  const byProvince = useMemo(
    () => (provinces && coverage ? coverageByProvince(coverage, provinces) : []), [coverage, provinces]);
  return { byProvince, provinces: provinces ?? [], loading: !provinces };
}

// "全国" when every province is covered whole, else the provinces' names (a city-only province with
// its cities in brackets), shortened after `max`.
export function useCoverageText() {
  const { t } = useI18n();
  return (byProvince: ProvinceCoverage[], allProvinces: number, max = 6) => {
    if (allProvinces > 0 && byProvince.length === allProvinces && byProvince.every((p) => p.whole)) return t('carriers.nationwide');
    const names = byProvince.map((p) => (p.whole ? p.name : `${p.name}（${p.cities.join('、')}）`));
    if (names.length <= max) return names.join('、');
    return t('carriers.coverageMore', { names: names.slice(0, max).join('、'), n: names.length - max, total: names.length });
  };
}

// A share of a capacity in percent (0 for no capacity).
export const percentOf = (used: number, capacity: number) => (capacity > 0 ? (used * 100) / capacity : 0);

export function loadOf(load: CarrierLoad[] | undefined, carrier: Carrier): CarrierLoad {
  return load?.find((l) => l.carrier_id === carrier.id) ?? { carrier_id: carrier.id, orders: 0, grams: 0 };
}

// A day's capacity in whole kilograms ("1,250 kg"): grams to the gram read as noise at this scale.
export function useTonnage() {
  const { number } = useI18n();
  return (grams: number) => `${number(Math.round(grams / 1000))} kg`;
}

// The carrier's name in the console's language (the Chinese one when it has no English name).
export function useCarrierName() {
  const { lang } = useI18n();
  return (c: Pick<Carrier, 'name_zh' | 'name_en'>) => (lang === 'en' && c.name_en ? c.name_en : c.name_zh);
}
