// A customer chosen by typing part of its name or code (GET /api/v1/customers?q=…, the accounts the
// user may see), and the names of customers known only by id (an agreement card's customer_id).
import { useQueries, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../app/api';
import { useI18n } from '../../app/i18n';

interface Found { id: number; name: string; code?: string | null }

export function CustomerPicker({ value, onChange, id, testId, ariaLabel }: {
  value?: number | null;
  onChange?: (id: number | null) => void;
  id?: string;
  testId: string;
  ariaLabel?: string;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useQuery({
    queryKey: ['customer-picker', q],
    queryFn: async () => (await api<{ items: Found[] }>('GET', `/api/v1/customers?q=${encodeURIComponent(q)}&limit=20`)).items,
    enabled: q.length > 0,
  });
  const names = useCustomerNames(value ? [value] : []);
  const options = (found.data ?? []).map((c) => ({ value: c.id, label: c.code ? `${c.name}（${c.code}）` : c.name }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: names.get(value) ?? `#${value}` });
  return (
    <Select
      id={id}
      data-testid={testId}
      aria-label={ariaLabel}
      showSearch
      allowClear
      filterOption={false}
      value={value ?? null}
      placeholder={t('pricing.customerPlaceholder')}
      notFoundContent={q ? (found.isFetching ? t('common.loading') : t('pricing.noCustomer')) : t('pricing.typeToSearch')}
      onSearch={setTyped}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      style={{ width: '100%', minWidth: 220 }}
    />
  );
}

// id → name of each customer the user may read (GET /customers/{id}, cached); an id it may not read
// is left out.
export function useCustomerNames(ids: number[]): Map<number, string> {
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: ['customer-name', id],
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
