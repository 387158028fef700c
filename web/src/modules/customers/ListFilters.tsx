// The customer list's filters: every one with a visible label (no two read the same), laid out as a
// grid. The same form sits in the collapsible panel on a desktop and in the bottom sheet on a phone.
import { Col, Form, Input, Row, Select } from 'antd';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { CLASSIFICATION_KEYS, CLASSIFICATIONS, INDUSTRIES, KINDS, SORTS, STATUSES } from './model';

export interface UserOptions {
  users: { id: number; name: string; team_id: number | null }[];
  teams: { id: number; name: string }[];
  truncated: boolean;
}

// The URL parameters that are filters (the active count and "clear" use these).
export const FILTER_PARAMS = ['kind', 'industry', ...CLASSIFICATION_KEYS, 'status', 'tag', 'province', 'city',
  'owner_id', 'team_id'] as const;

export function ListFilters({ values, set, options, idPrefix }: {
  values: Record<string, string>;
  set: (key: string, value: string | undefined) => void;
  options: UserOptions | undefined;
  idPrefix: string;  // the desktop panel and the phone sheet may both exist: ids stay unique
}) {
  const { t, label } = useI18n();
  const id = (key: string) => `${idPrefix}-${key}`;

  const enumSelect = (key: string, group: string, values_: readonly string[], title: MessageKey) => (
    <Col xs={24} sm={12} md={8} lg={6} xl={4} key={key}>
      <Form.Item label={t(title)} htmlFor={id(key)} style={{ marginBottom: 8 }}>
        <Select
          id={id(key)}
          allowClear
          value={values[key]}
          data-testid={`filter-${key}`}
          onChange={(v?: string) => set(key, v)}
          options={values_.map((v) => ({ value: v, label: label(group, v) }))}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
    </Col>
  );

  const textFilter = (key: string, title: MessageKey) => (
    <Col xs={24} sm={12} md={8} lg={6} xl={4} key={key}>
      <Form.Item label={t(title)} htmlFor={id(key)} style={{ marginBottom: 8 }}>
        <Input.Search
          id={id(key)}
          key={`${key}=${values[key] ?? ''}`}
          allowClear
          placeholder={t('list.textHint')}
          defaultValue={values[key]}
          onSearch={(v) => set(key, v.trim() || undefined)}
          data-testid={`filter-${key}`}
        />
      </Form.Item>
    </Col>
  );

  const pick = (key: 'owner_id' | 'team_id', title: MessageKey, items: { id: number; name: string }[]) => (
    <Col xs={24} sm={12} md={8} lg={6} xl={4} key={key}>
      <Form.Item label={t(title)} htmlFor={id(key)} style={{ marginBottom: 8 }}>
        <Select
          id={id(key)}
          allowClear
          showSearch
          optionFilterProp="label"
          value={values[key]}
          data-testid={`filter-${key}`}
          onChange={(v?: string) => set(key, v)}
          options={items.map((u) => ({ value: String(u.id), label: u.name }))}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
    </Col>
  );

  return (
    <Form layout="vertical" component="div" data-testid="filter-form">
      <Row gutter={12}>
        {enumSelect('kind', 'kind', KINDS, 'field.kind')}
        {enumSelect('industry', 'industry', INDUSTRIES, 'field.industry')}
        {CLASSIFICATION_KEYS.map((k) => enumSelect(k, k, CLASSIFICATIONS[k], `cls.${k}` as MessageKey))}
        {enumSelect('status', 'status', STATUSES, 'field.status')}
        {pick('owner_id', 'list.owner', options?.users ?? [])}
        {pick('team_id', 'list.team', options?.teams ?? [])}
        {textFilter('tag', 'list.tag')}
        {textFilter('province', 'list.province')}
        {textFilter('city', 'list.city')}
        {enumSelect('sort', 'sort', SORTS, 'customers.sort')}
      </Row>
    </Form>
  );
}
