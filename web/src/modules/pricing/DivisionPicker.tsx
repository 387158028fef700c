// A place as its GB/T 2260 code (province "31", city "3101" or district "310101"), picked in the
// province → city → district cascader the customers module uses (the same division tree,
// GET /api/v1/divisions, cached for the session: customers/formParts useDivisions). A quote accepts
// any level, so a province alone is a choice.
import { Cascader } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../app/i18n';
import { useDivisions, type Division } from '../customers/formParts';
import '../customers/form.css';

// The codes from the province down to `code` in the tree, or [] when it is not there.
function pathTo(tree: Division[], code: string): string[] {
  for (const d of tree) {
    if (d.code === code) return [d.code];
    if (d.children && code.startsWith(d.code.slice(0, 2))) {
      const below = pathTo(d.children, code);
      if (below.length) return [d.code, ...below];
    }
  }
  return [];
}

// The name of a division code ("上海市 / 黄浦区"), for text beside a code.
export function useDivisionName() {
  const { data } = useDivisions();
  return (code: string) => {
    if (!data) return code;
    const names: string[] = [];
    let level: Division[] | undefined = data;
    for (const c of pathTo(data, code)) {
      const d: Division | undefined = level?.find((x) => x.code === c);
      if (!d) break;
      names.push(d.name);
      level = d.children;
    }
    return names.length ? names.join(' / ') : code;
  };
}

export function DivisionPicker({ value, onChange, id, testId, ...aria }: {
  value?: string | null;
  onChange?: (code: string | null) => void;
  id?: string;
  testId: string;
  'aria-invalid'?: boolean | 'true' | 'false';
  'aria-describedby'?: string;
}) {
  const { t } = useI18n();
  const { data } = useDivisions();
  const selected = useMemo(() => (value && data ? pathTo(data, value) : []), [value, data]);
  return (
    <Cascader
      id={id}
      data-testid={testId}
      {...aria}
      style={{ width: '100%' }}
      options={data ?? []}
      loading={!data}
      fieldNames={{ label: 'name', value: 'code', children: 'children' }}
      value={selected.length ? selected : value ? [value] : []}
      changeOnSelect
      classNames={{ popup: { root: 'consign-region-popup' } }}
      allowClear
      placeholder={t('pricing.quote.placePlaceholder')}
      showSearch={{ filter: (input, path) => path.some((o) => String(o.name).includes(input.trim())) }}
      onChange={(v) => {
        const codes = (v ?? []) as string[];
        onChange?.(codes.length ? codes[codes.length - 1] : null);
      }}
    />
  );
}
