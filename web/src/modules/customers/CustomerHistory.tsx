// 变更历史: one block per entry (who — the person's name —, when, what), and in it the field-level
// differences the server computed (`changes[]`): "王** 的电话: *******5678 → *******9999". Values are
// the masked ones of the audit snapshots; enum values by their labels; never raw JSON.
import { Checkbox, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { useCustomerHistory, useUserOptions } from './api';
import type { Customer } from './model';

export interface FieldChange {
  path: string;
  change: 'changed' | 'added' | 'removed' | string;
  before: unknown;
  after: unknown;
  item?: string;
}

interface Entry {
  id: number;
  at: string;
  actor: string;
  actor_name?: string;
  action: string;
  changes?: FieldChange[];
}

// Fields of a contact and of an address, by the key of their label.
const CONTACT_FIELDS: Record<string, MessageKey> = {
  name: 'field.contactName', role: 'field.contactRole', title: 'field.title', phone: 'field.phone',
  email: 'field.email', is_primary: 'field.isPrimary',
};
const ADDRESS_FIELDS: Record<string, MessageKey> = {
  kind: 'field.addressKind', province: 'field.province', city: 'field.city', district: 'field.district',
  street: 'field.street', postal_code: 'field.postalCode', is_default: 'field.isDefault',
};
// Which enum group names the values of a path.
const ENUM_OF: Record<string, string> = {
  kind: 'kind', industry: 'industry', status: 'status', 'preferences.preferred_channel': 'channel',
  'requirements.template': 'industry',
};

export function CustomerHistory({ customer }: { customer: Customer }) {
  const { t, has, label, dateTime } = useI18n();
  const { can } = useAuth();
  const [showViews, setShowViews] = useState(false);  // views and reveals of personal data: many, and not changes
  const query = useCustomerHistory(String(customer.id), true);
  const options = useUserOptions(can('users.options'));
  const entries = (query.data ?? []) as unknown as Entry[];

  const userName = (id: unknown) => options.data?.users.find((u) => u.id === id)?.name || t('history.user', { id: String(id) });
  const teamName = (id: unknown) => options.data?.teams.find((x) => x.id === id)?.name || t('history.team', { id: String(id) });
  const yesNo = (v: boolean) => t(v ? 'common.yes' : 'common.no');
  const actionLabel = (verb: string) => (has(`action.${verb}`) ? t(`action.${verb}` as MessageKey) : verb);
  const flagLabel = (name: string) => (has(`flag.${name}`) ? t(`flag.${name}` as MessageKey) : name);

  // A path in words, in the user's language.
  const pathLabel = (c: FieldChange): string => {
    const item = c.item || '';
    const inList = c.path.match(/^(contacts|addresses)\[id=(\d+)\](?:\.(\w+))?$/);
    if (inList) {
      const [, list, id, field] = inList;
      const what = list === 'contacts' ? t('history.contact') : t('history.address');
      if (!field) return what;
      const key = (list === 'contacts' ? CONTACT_FIELDS : ADDRESS_FIELDS)[field];
      const fieldText = key ? t(key) : field;
      return t('history.of', { item: item || `${what} #${id}`, field: fieldText });
    }
    const [head, sub, rest] = c.path.split('.');
    if (head === 'classification' && sub && has(`cls.${sub}`)) return t(`cls.${sub}` as MessageKey);
    if (head === 'requirements' && sub === 'flags') return rest ? `${t('field.requirementFlags')} · ${flagLabel(rest)}` : t('field.requirementFlags');
    if (head === 'requirements' && sub === 'notes') return t('field.requirementNotes');
    if (head === 'requirements' && sub === 'template') return t('customer.template');
    if (head === 'owner' || c.path === 'owner_id') return t('field.owner');
    if (head === 'team_id') return t('field.team');
    if (head === 'preferences' && sub === 'preferred_contact_id') return t('customer.preferredContact');
    const camel = (sub ?? head).replace(/_(\w)/g, (_, ch: string) => ch.toUpperCase());
    if (has(`field.${camel}`)) return t(`field.${camel}` as MessageKey);
    if (has(`customer.${camel}`)) return t(`customer.${camel}` as MessageKey);
    return c.path;
  };

  // A value in words: enum values by their labels, people and teams by name, a whole contact or
  // address by its parts; never JSON.
  const valueText = (path: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('history.empty');
    if (typeof value === 'boolean') return yesNo(value);
    const field = path.match(/\]\.(\w+)$/)?.[1];
    if (path.startsWith('contacts[') && field === 'role') return label('contact_role', String(value));
    if (path.startsWith('addresses[') && field === 'kind') return label('address_kind', String(value));
    const [head, sub] = path.split('.');
    if (head === 'classification' && sub) return label(sub, String(value));
    if (ENUM_OF[path]) return label(ENUM_OF[path], String(value));
    if (head === 'owner' || path === 'owner_id') {
      if (typeof value === 'object') {
        const o = value as { id?: number; name?: string; login?: string };
        return o.name || o.login || userName(o.id);
      }
      return userName(value);
    }
    if (head === 'team_id') return teamName(value);
    if (path === 'preferences.preferred_contact_id') {
      return customer.contacts.find((k) => k.id === value)?.name || t('history.contactId', { id: String(value) });
    }
    if (Array.isArray(value)) return value.map((v) => valueText(path, v)).join('、');
    if (typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (path.startsWith('contacts[')) {
        return [o.name, o.role ? label('contact_role', String(o.role)) : '', o.title, o.phone, o.email].filter(Boolean).join(' · ');
      }
      if (path.startsWith('addresses[')) {
        return [o.kind ? label('address_kind', String(o.kind)) : '', `${o.province ?? ''}${o.city ?? ''}${o.district ?? ''}${o.street ?? ''}`, o.postal_code]
          .filter(Boolean).join(' · ');
      }
      return Object.values(o).filter((v) => v !== null && v !== '' && typeof v !== 'object').map(String).join(' · ');
    }
    return String(value);
  };

  const shown = showViews ? entries : entries.filter((e) => !e.action.startsWith('pii.'));

  return (
    <>
      <Checkbox checked={showViews} onChange={(e) => setShowViews(e.target.checked)} style={{ marginBottom: 12 }}
        data-testid="history-show-views">{t('customer.showViews')}</Checkbox>
      {query.error !== null && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} style={{ marginBottom: 12 }} />}
      {query.isPending ? <Spin /> : (
        <List<Entry>
          dataSource={shown}
          locale={{ emptyText: <Empty description={t('customer.noHistory')} /> }}
          pagination={shown.length > 20 ? { pageSize: 20, size: 'small' } : false}
          renderItem={(e) => {
            const who = e.actor_name ? (e.actor && e.actor !== e.actor_name ? t('history.by', { name: e.actor_name, login: e.actor }) : e.actor_name) : (e.actor || t('history.system'));
            const changes = e.changes ?? [];
            return (
              <List.Item data-testid="history-row" style={{ display: 'block' }}>
                <Space wrap size={[8, 4]} style={{ marginBottom: changes.length ? 8 : 0 }}>
                  <Typography.Text strong data-testid="history-actor">{who}</Typography.Text>
                  <Tag data-testid="history-action">{actionLabel(e.action)}</Tag>
                  <Typography.Text type="secondary" data-testid="history-at">{dateTime(e.at)}</Typography.Text>
                </Space>
                {changes.length > 0 && (
                  <ul className="record-history-changes" data-testid="history-changes">
                    {changes.map((c, i) => (
                      <li key={`${c.path}-${i}`} data-testid="history-change" data-path={c.path}>
                        <span className="record-history-field">{pathLabel(c)}: </span>
                        {c.change === 'added' ? (
                          <><Tag color="green">{t('history.changeAdded')}</Tag><span>{valueText(c.path, c.after)}</span></>
                        ) : c.change === 'removed' ? (
                          <><Tag color="red">{t('history.changeRemoved')}</Tag><Typography.Text delete>{valueText(c.path, c.before)}</Typography.Text></>
                        ) : (
                          <>
                            <Typography.Text delete type="secondary">{valueText(c.path, c.before)}</Typography.Text>
                            <span className="record-history-arrow"> → </span>
                            <span>{valueText(c.path, c.after)}</span>
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
                {e.action === 'update' && changes.length === 0 && (
                  <Typography.Text type="secondary">{t('customer.noChanges')}</Typography.Text>
                )}
              </List.Item>
            );
          }}
        />
      )}
    </>
  );
}
