// 区域矩阵: which provinces are neighbours (邻省) and which destinations are remote (偏远), the data the
// zone of a shipment comes from (GET/PUT /api/v1/zone-matrix; provinces named from the geo divisions
// the console already loads). A row per province: its neighbours, and whether it is remote. A pair is
// one fact: making 江苏 a neighbour of 上海 shows on both rows. Saved whole (audited on the server).
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Empty, Input, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { useDivisions } from '../customers/formParts';
import { useZoneMatrix, type ZoneMatrix } from './api';
import { parsePath } from './cardForm';

const pairKey = (a: string, b: string) => (a < b ? `${a}-${b}` : `${b}-${a}`);

interface Draft { pairs: Set<string>; remote: Set<string> }

function draftOf(m: ZoneMatrix): Draft {
  return { pairs: new Set(m.adjacent.map(([a, b]) => pairKey(a, b))), remote: new Set(m.remote) };
}

function matrixOf(d: Draft): ZoneMatrix {
  return {
    adjacent: [...d.pairs].sort().map((k) => k.split('-') as [string, string]),
    remote: [...d.remote].sort(),
  };
}

export function ZoneMatrixEditor() {
  const { t, fieldMessage } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const matrix = useZoneMatrix();
  const divisions = useDivisions();
  const editable = can('zone_matrix.write');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [filter, setFilter] = useState('');
  useEffect(() => {
    if (matrix.data) setDraft(draftOf(matrix.data));
  }, [matrix.data]);

  const provinces = useMemo(() => (divisions.data ?? []).map((p) => ({ code: p.code, name: p.name })), [divisions.data]);
  const nameOf = (code: string) => provinces.find((p) => p.code === code)?.name ?? code;
  const dirty = !!draft && !!matrix.data && JSON.stringify(matrixOf(draft)) !== JSON.stringify(matrixOf(draftOf(matrix.data)));

  if (matrix.error) return <ErrorAlert error={matrix.error} onRetry={() => void matrix.refetch()} testId="matrix-error" />;
  if (!draft || !divisions.data) return <Spin />;

  const neighbours = (code: string) =>
    provinces.filter((p) => p.code !== code && draft.pairs.has(pairKey(code, p.code))).map((p) => p.code);
  const setNeighbours = (code: string, next: string[]) => {
    const pairs = new Set([...draft.pairs].filter((k) => !k.split('-').includes(code)));
    for (const other of next) pairs.add(pairKey(code, other));
    setDraft({ ...draft, pairs });
  };
  const setRemote = (code: string, on: boolean) => {
    const remote = new Set(draft.remote);
    if (on) remote.add(code);
    else remote.delete(code);
    setDraft({ ...draft, remote });
  };

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    const sent = matrixOf(draft);
    try {
      const saved = await api<ZoneMatrix>('PUT', '/api/v1/zone-matrix', { body: sent });
      queryClient.setQueryData(['zone-matrix'], saved);
      message.success(t('pricing.zones.saved'));
    } catch (e) {
      setSaveError({ error: e, sent });
    } finally {
      setSaving(false);
    }
  };

  // A problem of the sent matrix in words: "adjacent[3][0]" is the fourth pair sent.
  const problemText = (field: string, sent: ZoneMatrix) => {
    const path = parsePath(field);
    if (path[0] === 'adjacent' && typeof path[1] === 'number') {
      const pair = sent.adjacent[path[1]];
      return pair ? `${nameOf(pair[0])} – ${nameOf(pair[1])}` : field;
    }
    if (path[0] === 'remote' && typeof path[1] === 'number') return nameOf(sent.remote[path[1]] ?? field);
    return field;
  };
  const failure = saveError as { error: unknown; sent: ZoneMatrix } | null;
  const failedFields = failure && failure.error instanceof ApiError ? failure.error.fields.filter((f) => f.field) : [];

  const shown = provinces.filter((p) => !filter.trim() || p.name.includes(filter.trim()) || neighbours(p.code).some((n) => nameOf(n).includes(filter.trim())));

  return (
    <Card size="small" data-testid="zone-matrix">
      <Typography.Paragraph type="secondary">{t('pricing.zones.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('pricing.zones.search')}
          aria-label={t('pricing.zones.search')} style={{ width: 240 }} data-testid="zones-search" />
        <Typography.Text data-testid="zones-counts">
          {t('pricing.zones.counts', { pairs: draft.pairs.size, remote: draft.remote.size })}
        </Typography.Text>
      </Space>
      <Table
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={shown}
        scroll={{ x: 640 }}
        locale={{ emptyText: <Empty description={t('pricing.zones.none')} /> }}
        onRow={(p) => ({ 'data-testid': 'province-row', 'data-code': p.code } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('pricing.zones.province'), dataIndex: 'name', width: 140 },
          {
            title: t('pricing.zones.neighbours'), key: 'neighbours',
            render: (_, p) => (editable ? (
              <Select mode="multiple" style={{ width: '100%', minWidth: 260 }} value={neighbours(p.code)}
                aria-label={t('pricing.zones.neighboursOf', { province: p.name })} data-testid={`neighbours-${p.code}`}
                optionFilterProp="label" onChange={(v) => setNeighbours(p.code, v)}
                options={provinces.filter((o) => o.code !== p.code).map((o) => ({ value: o.code, label: o.name }))} />
            ) : (
              <Space wrap size={4}>{neighbours(p.code).map((n) => <Tag key={n}>{nameOf(n)}</Tag>)}</Space>
            )),
          },
          {
            title: t('pricing.zones.remote'), key: 'remote', width: 110,
            render: (_, p) => (editable ? (
              <Checkbox checked={draft.remote.has(p.code)} onChange={(e) => setRemote(p.code, e.target.checked)}
                aria-label={t('pricing.zones.remoteOf', { province: p.name })} data-testid={`remote-${p.code}`} />
            ) : draft.remote.has(p.code) ? <Tag color="orange">{t('pricing.zones.remote')}</Tag> : null),
          },
        ]}
      />
      {editable && (
        <div className="card-save-bar">
          {failure && (failedFields.length ? (
            <Alert type="error" showIcon role="alert" data-testid="zones-errors" message={t('pricing.card.errorsCount', { n: failedFields.length })}
              description={<ul className="plain-list">{failedFields.map((f, i) => <li key={i}>{problemText(f.field, failure.sent)}: {fieldMessage(f)}</li>)}</ul>} />
          ) : <ErrorAlert error={failure.error} testId="zones-save-error" />)}
          <Space wrap>
            <Typography.Text data-testid="zones-dirty" data-dirty={dirty ? 'yes' : 'no'}>{dirty ? t('pricing.card.unsaved') : t('pricing.card.noChanges')}</Typography.Text>
            <Button disabled={!dirty || saving} onClick={() => matrix.data && setDraft(draftOf(matrix.data))} data-testid="zones-discard">{t('pricing.card.discard')}</Button>
            <Button type="primary" disabled={!dirty} loading={saving} onClick={() => void save()} data-testid="zones-save">{t('common.save')}</Button>
          </Space>
        </div>
      )}
    </Card>
  );
}
