// Parts of the customer form: the province → city → district cascader over GET /api/v1/divisions,
// a date field over antd's DatePicker that keeps a masked date as it is, the keyboard's inset for the
// save bar on a phone, the draft kept when a session ends at Save, and the per-field comparison of an
// edit conflict (mine, the server's current, the version both started from).
import { useQuery } from '@tanstack/react-query';
import { Button, Cascader, DatePicker, Form, Input, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../../app/api';
import { draftKey } from '../../app/drafts';
import { useI18n } from '../../app/i18n';
import './form.css';

export interface Division { code: string; name: string; children?: Division[] }

// The division tree: the same for everyone and changed only with a release, so cached for the session.
export function useDivisions() {
  return useQuery({
    queryKey: ['divisions'],
    queryFn: async () => (await api<{ version: string; provinces: Division[] }>('GET', '/api/v1/divisions')).provinces,
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

type Path = (string | number)[];

// The address's province field, shown as a cascader that also sets the address's city and district
// (hidden fields beside it). The names are stored, as the address fields have always held them.
export function RegionCascader({ value, onChange, id, base, testId }: {
  value?: string | null; onChange?: (v: string | null) => void; id?: string; base: Path; testId: string;
}) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const city = Form.useWatch([...base, 'city'], form) as string | null | undefined;
  const district = Form.useWatch([...base, 'district'], form) as string | null | undefined;
  const { data } = useDivisions();
  const selected = [value, city, district].filter((v): v is string => !!v);
  return (
    <Cascader
      id={id}
      data-testid={testId}
      style={{ width: '100%' }}
      options={data ?? []}
      loading={!data}
      fieldNames={{ label: 'name', value: 'name', children: 'children' }}
      value={selected}
      changeOnSelect
      classNames={{ popup: { root: 'consign-region-popup' } }}
      allowClear
      placeholder={t('form.regionPlaceholder')}
      showSearch={{ filter: (input, path) => path.some((o) => String(o.name).includes(input.trim())) }}
      onChange={(v) => {
        const names = (v ?? []) as string[];
        form.setFieldValue([...base, 'city'], names[1] ?? null);
        form.setFieldValue([...base, 'district'], names[2] ?? null);
        onChange?.(names[0] ?? null);
      }}
    />
  );
}

// A date as "YYYY-MM-DD" through a date picker. A masked date ("****-05-12": the role may not see the
// year) shows as text, sent back unchanged unless the user chooses to replace it.
export function DateInput({ value, onChange, id, testId }: {
  value?: string | null; onChange?: (v: string | null) => void; id?: string; testId: string;
}) {
  const { t } = useI18n();
  const [replacing, setReplacing] = useState(false);
  if (value && value.includes('*') && !replacing) {
    return (
      <Space.Compact style={{ width: '100%' }}>
        <Input id={id} value={value} readOnly data-testid={testId} />
        <Button onClick={() => { setReplacing(true); onChange?.(null); }}>{t('form.changeMasked')}</Button>
      </Space.Compact>
    );
  }
  const d = value ? dayjs(value) : null;
  return (
    <DatePicker
      id={id}
      data-testid={testId}
      style={{ width: '100%' }}
      format="YYYY-MM-DD"
      placeholder={t('form.datePlaceholder')}
      value={d && d.isValid() ? d : null}
      onChange={(next) => onChange?.(next ? next.format('YYYY-MM-DD') : null)}
    />
  );
}

// How far the on-screen keyboard covers the bottom of the layout viewport (0 without one): the save
// bar sits that far up, so it stays above the keyboard on a phone.
export function useKeyboardInset() {
  const [inset, setInset] = useState(0);
  useEffect(() => {
    const vv = window.visualViewport;
    if (!vv) return undefined;
    const update = () => setInset(Math.max(0, Math.round(window.innerHeight - vv.height - vv.offsetTop)));
    vv.addEventListener('resize', update);
    vv.addEventListener('scroll', update);
    update();
    return () => {
      vv.removeEventListener('resize', update);
      vv.removeEventListener('scroll', update);
    };
  }, []);
  return inset;
}

// The draft kept when a Save meets an ended session: per record ("new" for a create), in this tab's
// sessionStorage, for the same user only (app/drafts.ts drops them at sign-out).
export interface Draft<V> { values: V; base: V | null; version: number | null; user: number; saved_at: string }
const customerDraft = (record: string | undefined) => draftKey('customer', record);

export function keepDraft<V>(record: string | undefined, draft: Draft<V>) {
  try {
    sessionStorage.setItem(customerDraft(record), JSON.stringify(draft));
  } catch {
    /* storage full or off: nothing to keep */
  }
}

export function takeDraft<V>(record: string | undefined, user: number | undefined): Draft<V> | null {
  try {
    const raw = sessionStorage.getItem(customerDraft(record));
    if (!raw) return null;
    const draft = JSON.parse(raw) as Draft<V>;
    if (draft.user !== user) return null;
    sessionStorage.removeItem(customerDraft(record));
    return draft;
  } catch {
    return null;
  }
}

// ---- edit conflicts ----

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const at = (v: unknown, key: string | number): unknown =>
  v && typeof v === 'object' ? (v as Record<string | number, unknown>)[key] : undefined;

// Equal as the form means it: empty text, null, undefined and an empty list are the same "nothing".
function normal(v: unknown): unknown {
  if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (Array.isArray(v)) return v.map(normal);
  if (isObject(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, normal(v[k])]).filter(([, x]) => x !== null));
  return v;
}
export const same = (a: unknown, b: unknown) => JSON.stringify(normal(a)) === JSON.stringify(normal(b));

// The leaf fields of the form's values (`mine` gives the shape): objects by key, lists of objects by
// index when all three have as many items (a contact's phone), otherwise a list as one field.
function leaves(base: unknown, mine: unknown, theirs: unknown, path: Path, out: Path[]) {
  if (isObject(mine)) {
    for (const k of Object.keys(mine)) leaves(at(base, k), mine[k], at(theirs, k), [...path, k], out);
    return;
  }
  if (Array.isArray(mine) && mine.length > 0 && mine.every(isObject) && Array.isArray(theirs) && Array.isArray(base)
    && theirs.length === mine.length && base.length === mine.length) {
    mine.forEach((m, i) => leaves(base[i], m, theirs[i], [...path, i], out));
    return;
  }
  out.push(path);
}

export const getPath = (v: unknown, path: Path): unknown => path.reduce<unknown>((x, k) => at(x, k), v);

function setPath<T>(target: T, path: Path, value: unknown): T {
  let x = target as unknown as Record<string | number, unknown>;
  path.slice(0, -1).forEach((k, i) => {
    if (!x[k] || typeof x[k] !== 'object') x[k] = typeof path[i + 1] === 'number' ? [] : {};
    x = x[k] as Record<string | number, unknown>;
  });
  x[path[path.length - 1]] = value;
  return target;
}

// "contacts[0].phone", as the server names fields in errors[].field.
export const pathName = (path: Path) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');

export interface ConflictField { path: Path; name: string; mine: unknown; theirs: unknown; mineChanged: boolean }

// Every field whose value differs between mine and the server's current, where either side changed it
// from the version both started from; the default choice is mine where I changed it, theirs otherwise.
export function conflicts(base: unknown, mine: unknown, theirs: unknown): ConflictField[] {
  const out: Path[] = [];
  leaves(base, mine, theirs, [], out);
  return out
    .filter((p) => !same(getPath(mine, p), getPath(theirs, p)))
    .map((p) => ({ path: p, name: pathName(p), mine: getPath(mine, p), theirs: getPath(theirs, p), mineChanged: !same(getPath(mine, p), getPath(base, p)) }));
}

// The server's current values with each chosen field's value put in.
export function merge<V>(theirs: V, fields: ConflictField[], choice: Record<string, 'mine' | 'theirs'>): V {
  const result = JSON.parse(JSON.stringify(theirs ?? {})) as V;
  for (const f of fields) if ((choice[f.name] ?? (f.mineChanged ? 'mine' : 'theirs')) === 'mine') setPath(result, f.path, f.mine ?? null);
  return result;
}
