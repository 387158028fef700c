// Small parts the contract screens share: the state tag, the account picker (a search over
// GET /api/v1/customers) and the industry template line.
import { Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { useAccount, useAccountSearch, useIndustryTemplates } from './api';
import { STATE_COLOURS, type AccountRef, type ContractState } from './model';
import './contracts.css';

export function StateTag({ state, testId }: { state: ContractState; testId?: string }) {
  const { label } = useI18n();
  return <Tag color={STATE_COLOURS[state]} className="contract-state" data-testid={testId} data-state={state}>{label('contract_state', state)}</Tag>;
}

// Picks one account by name or code. `value` is its id.
export function AccountPicker({ value, onChange, id, testId, allowClear, placeholder, ariaLabel }: {
  value?: number | null; onChange?: (id: number | null, account: AccountRef | null) => void; id?: string; testId: string;
  allowClear?: boolean; placeholder?: string; ariaLabel?: string;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const search = useAccountSearch(q);
  const selected = useAccount(value ?? null);
  const options = (search.data ?? []).map((a) => ({ value: a.id, label: a.code ? `${a.name}（${a.code}）` : a.name, account: a }));
  if (value && selected.data && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: selected.data.name, account: selected.data });
  }
  return (
    <Select
      id={id}
      data-testid={testId}
      aria-label={ariaLabel}
      style={{ width: '100%' }}
      showSearch
      allowClear={allowClear}
      filterOption={false}
      placeholder={placeholder ?? t('contracts.accountSearch')}
      value={value ?? null}
      loading={search.isFetching}
      onSearch={setQ}
      options={options}
      notFoundContent={search.isFetching ? t('common.loading') : undefined}
      onChange={(v: number | null, option) => {
        const picked = Array.isArray(option) ? undefined : option;
        onChange?.(v ?? null, (picked as { account?: AccountRef } | undefined)?.account ?? null);
      }}
      popupMatchSelectWidth={false}
    />
  );
}

// "已按“医药”行业模板起草 — 保险条款、签收回单…": the industry template the server drafts a contract
// from (the customers module's requirement template of the account's industry: its flags, and its
// text, which exists in Chinese only).
export function TemplateLine({ industry, testId }: { industry: string; testId: string }) {
  const { t, has, label, lang } = useI18n();
  const templates = useIndustryTemplates();
  const template = templates.data?.find((x) => x.industry === industry);
  if (!templates.data) return null;
  if (!template) return <Typography.Text data-testid={testId} data-template="">{t('contract.noTemplate')}</Typography.Text>;
  const flags = Object.entries(template.flags).filter(([, on]) => on)
    .map(([f]) => (has(`flag.${f}`) ? t(`flag.${f}` as MessageKey) : f));
  return (
    <span data-testid={testId} data-template={template.industry}>
      <Typography.Text strong>{t('contract.templateApplied', { industry: label('industry', template.industry) })}</Typography.Text>
      {flags.length > 0 && <><br /><Typography.Text>{t('contract.templateFlags', { flags: flags.join('、') })}</Typography.Text></>}
      {template.notes && lang === 'zh' && <><br /><Typography.Text type="secondary">{template.notes}</Typography.Text></>}
    </span>
  );
}
