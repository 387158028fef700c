// Small parts the lead screens share: the region picker over the division tree (GB/T 2260 codes),
// names for region codes and user ids, the status tag, and a masked contact value with its reveal.
import { EyeOutlined } from '@ant-design/icons';
import { Button, Cascader, Space, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useUserOptions } from '../customers/api';
import { useDivisions, type Division } from '../customers/formParts';
import { RevealDialog, type RevealReason } from '../customers/Reveal';
import { leadPath } from './api';
import type { LeadStatus } from './model';

// The divisions from the province down to `code` ("440305" → 广东省, 深圳市, 南山区); [] when unknown.
function divisionPath(tree: Division[] | undefined, code: string): Division[] {
  if (!tree || !code) return [];
  for (const p of tree) {
    if (p.code === code) return [p];
    for (const c of p.children ?? []) {
      if (c.code === code) return [p, c];
      for (const d of c.children ?? []) if (d.code === code) return [p, c, d];
    }
  }
  return [];
}

// A region code in words ("广东省 深圳市 南山区"); the code itself while the tree loads or when unknown.
export function useRegionName() {
  const { data } = useDivisions();
  return useCallback((code: string | null | undefined) => {
    if (!code) return '';
    const path = divisionPath(data, code);
    return path.length ? path.map((d) => d.name).join(' ') : code;
  }, [data]);
}

// The lead's region_code (a province, a city or a district: 2, 4 or 6 digits) through the same
// division tree and cascader the customer form's address uses, with the codes as values.
export function RegionCodePicker({ value, onChange, id, testId }: {
  value?: string | null; onChange?: (v: string) => void; id?: string; testId: string;
}) {
  const { t } = useI18n();
  const { data } = useDivisions();
  return (
    <Cascader
      id={id}
      data-testid={testId}
      style={{ width: '100%' }}
      options={data ?? []}
      loading={!data}
      fieldNames={{ label: 'name', value: 'code', children: 'children' }}
      value={divisionPath(data, value ?? '').map((d) => d.code)}
      changeOnSelect
      allowClear
      placeholder={t('lead.regionPlaceholder')}
      showSearch={{ filter: (input, path) => path.some((o) => String(o.name).includes(input.trim())) }}
      onChange={(codes) => {
        const list = (codes ?? []) as string[];
        onChange?.(list[list.length - 1] ?? '');
      }}
    />
  );
}

// A user id as the person's name (GET /users/options, one cache for every picker); "User #7" for
// someone no longer listed (inactive).
export function useUserName() {
  const { t } = useI18n();
  const { data } = useUserOptions();
  return useCallback((id: number | null | undefined) => {
    if (id === null || id === undefined) return '';
    return data?.users.find((u) => u.id === id)?.name ?? t('lead.userN', { id });
  }, [data, t]);
}

export function useTeamName() {
  const { t } = useI18n();
  const { data } = useUserOptions();
  return useCallback((id: number | null | undefined) => {
    if (id === null || id === undefined) return '';
    return data?.teams.find((x) => x.id === id)?.name ?? t('lead.teamN', { id });
  }, [data, t]);
}

const STATUS_COLOR: Record<LeadStatus, string> = { open: 'blue', qualified: 'green', disqualified: 'default', converted: 'purple' };

export function LeadStatusTag({ status, testId }: { status: LeadStatus; testId?: string }) {
  const { label } = useI18n();
  return <Tag color={STATUS_COLOR[status]} data-testid={testId}>{label('lead_status', status)}</Tag>;
}

// Which contact value a reveal asks for: the API addresses a lead's contact by its place in the list.
export type LeadRevealField = 'contact.name' | 'contact.phone' | 'contact.email';

// A contact's value as the server sent it (masked); for users who may reveal (pii.view), a "show"
// control that asks why through the one RevealDialog and shows that one value in place
// (POST /leads/{id}/reveal). Nothing is unmasked on the client.
export function LeadContactValue({ leadId, index, field, masked, testId }: {
  leadId: number; index: number; field: LeadRevealField; masked: string | undefined; testId: string;
}) {
  const { t, label } = useI18n();
  const { can } = useAuth();
  const [value, setValue] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  if (value !== null) return <span data-testid={testId} data-revealed="true">{value || t('common.none')}</span>;
  const showable = !!masked && masked.includes('*') && can('pii.view');
  const reveal = async (why: RevealReason) =>
    (await api<{ field: string; contact_index: number; value: string }>('POST', `${leadPath(leadId)}/reveal`,
      { body: { field, contact_index: index, ...why } })).value;
  return (
    <Space size={4} wrap>
      <span data-testid={testId}>{masked || t('common.none')}</span>
      {showable && (
        <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)} data-testid={`${testId}-show`}
          aria-label={`${t('reveal.show')} ${t('leadForm.contactN', { n: index + 1 })} ${label('reveal_field', field)}`}>
          {t('reveal.show')}
        </Button>
      )}
      <RevealDialog open={asking} onClose={() => setAsking(false)} reveal={reveal}
        onRevealed={(v) => { setValue(v); setAsking(false); }} />
    </Space>
  );
}
