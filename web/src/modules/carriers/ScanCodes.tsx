// 扫描码映射: how the codes a carrier's systems push become our tracking status (the tracking module's
// table, GET/PUT /api/v1/carriers/{id}/scan-codes). The page shows the table in effect — the carrier's
// own, or the default, and says which; a holder of carriers.manage edits it in place (add and remove
// codes, a status, a sub-status of that status, the party, whether the code is a claim) and saves the
// whole table at once (If-Match with its revision), or gives the carrier the default table again after
// a confirmation. Codes left blank or mapped twice are marked before sending; the server has the last
// word, and its field errors (rules[i].field) are shown on their row.
import { DeleteOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Select, Space, Switch, Table, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, type FieldProblem } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { saveScanCodes, scanCodesKey, useScanCodes } from './api';
import {
  MAX_SCAN_CODES, PARTIES, substatusesOf, TRACKING_STATUSES,
  type Carrier, type ScanCodeRule, type ScanCodeTable, type TrackingStatus,
} from './model';

interface Row extends ScanCodeRule { key: number }
type RowProblems = Map<number, Partial<Record<keyof ScanCodeRule, string>>>;

let nextKey = 1;
const toRows = (rules: ScanCodeRule[]): Row[] => rules.map((r) => ({ ...r, key: nextKey++ }));

// Blank codes and codes mapped twice (spaces around a code do not count, as on the server).
function localProblems(rows: Row[], required: string, duplicate: string): RowProblems {
  const problems: RowProblems = new Map();
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const code = r.raw_code.trim();
    if (code === '') problems.set(i, { raw_code: required });
    else if (seen.has(code)) problems.set(i, { raw_code: duplicate });
    seen.add(code);
  });
  return problems;
}

// The server's field errors, "rules[3].substatus", by row and field.
function serverProblems(fields: FieldProblem[], message: (p: FieldProblem) => string): RowProblems {
  const problems: RowProblems = new Map();
  for (const f of fields) {
    const m = f.field.match(/^rules\[(\d+)\]\.(raw_code|status|substatus|party|claim)$/);
    if (!m) continue;
    const i = Number(m[1]);
    problems.set(i, { ...problems.get(i), [m[2]]: message(f) });
  }
  return problems;
}

export function ScanCodes({ carrier }: { carrier: Carrier }) {
  const { t, fieldMessage } = useI18n();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const query = useScanCodes(carrier.id);
  const [draft, setDraft] = useState<Row[] | null>(null);  // null: nothing changed yet
  const [problems, setProblems] = useState<RowProblems>(new Map());
  const [saveError, setSaveError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const editable = can('carriers.manage');

  const table = query.data?.body ?? null;
  // The rows of the table in effect, with stable keys, made again only when the server's answer changes.
  const baseRows = useMemo(() => (table ? toRows(table.own ? table.rules : table.default) : []), [table]);
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} testId="scan-codes-error" />;
  if (!table || !query.data) return <Card size="small" loading />;
  const revision = query.data.version ?? 1;
  const rows = draft ?? baseRows;
  const statusName = (s: TrackingStatus) => t(`scanCodes.status.${s}`);
  const subName = (s: string) => (s ? t(`scanCodes.sub.${s}` as MessageKey) : t('scanCodes.noSubstatus'));

  const edit = (change: (rows: Row[]) => Row[]) => {
    setDraft(change(rows.map((r) => ({ ...r }))));
    setProblems(new Map());
    setSaveError(null);
  };
  const setField = <K extends keyof ScanCodeRule>(key: number, field: K, value: ScanCodeRule[K]) =>
    edit((all) => all.map((r) => {
      if (r.key !== key) return r;
      const next = { ...r, [field]: value };
      // A sub-status belongs to its status: a new status drops one of the old.
      if (field === 'status' && next.substatus && !next.substatus.startsWith(`${String(value)}.`)) next.substatus = '';
      return next;
    }));
  const answered = (saved: { body: ScanCodeTable; version: number | null }) => {
    queryClient.setQueryData(scanCodesKey(carrier.id), saved);
    setDraft(null);
    setProblems(new Map());
    setSaveError(null);
  };
  const failed = (e: unknown) => {
    if (e instanceof ApiError && e.status === 412) {
      message.warning(t('scanCodes.stale'));
      setDraft(null);
      void query.refetch();
      return;
    }
    const fromServer = e instanceof ApiError ? serverProblems(e.fields, fieldMessage) : new Map();
    setProblems(fromServer);
    setSaveError(e);
  };

  const save = async () => {
    const local = localProblems(rows, t('scanCodes.codeRequired'), t('scanCodes.codeDuplicate'));
    if (local.size > 0) {
      setProblems(local);
      message.error(t('scanCodes.fixFirst'));
      return;
    }
    setBusy(true);
    try {
      const rules = rows.map(({ key: _key, ...r }) => ({ ...r, raw_code: r.raw_code.trim() }));
      answered(await saveScanCodes(carrier.id, revision, rules));
      message.success(t('scanCodes.saved'));
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };
  const reset = () => modal.confirm({
    title: t('scanCodes.resetTitle', { name: carrier.name_zh }),
    content: t('scanCodes.resetHint', { n: table.rules.length }),
    okText: t('scanCodes.reset'),
    okButtonProps: { danger: true, ...({ 'data-testid': 'scan-codes-reset-confirm' } as Record<string, string>) },
    cancelText: t('common.cancel'),
    onOk: async () => {
      try {
        answered(await saveScanCodes(carrier.id, revision, []));
        message.success(t('scanCodes.resetDone'));
      } catch (e) {
        failed(e);
      }
    },
  });

  const place = new Map(rows.map((r, i) => [r.key, i]));  // problems are named by the row's place
  const problemAt = (row: Row, field: keyof ScanCodeRule) => problems.get(place.get(row.key) ?? -1)?.[field];
  const withProblem = (node: React.ReactNode, problem: string | undefined) => (
    <>
      {node}
      {problem && <Typography.Text type="danger" className="scan-code-problem" data-testid="scan-code-problem">{problem}</Typography.Text>}
    </>
  );

  return (
    <Card size="small" data-testid="scan-codes" title={<h2 className="carrier-card-title">{t('scanCodes.title')}</h2>}
      extra={editable ? (
        <Space wrap>
          <Button icon={<PlusOutlined />} disabled={rows.length >= MAX_SCAN_CODES} data-testid="scan-codes-add"
            onClick={() => edit((all) => [{ key: nextKey++, raw_code: '', status: 'in_transit', substatus: '', party: 'none', claim: false }, ...all])}>
            {t('scanCodes.add')}
          </Button>
          {draft && <Button icon={<UndoOutlined />} onClick={() => { setDraft(null); setProblems(new Map()); setSaveError(null); }} data-testid="scan-codes-discard">{t('scanCodes.discard')}</Button>}
          {table.own && !draft && <Button danger onClick={reset} data-testid="scan-codes-reset">{t('scanCodes.reset')}</Button>}
          <Button type="primary" loading={busy} disabled={!draft} onClick={() => void save()} data-testid="scan-codes-save">{t('scanCodes.save')}</Button>
        </Space>
      ) : undefined}>
      <Space direction="vertical" size="small" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('scanCodes.hint')}</Typography.Paragraph>
        <Alert type={table.own ? 'success' : 'info'} showIcon data-testid="scan-codes-source" data-own={table.own ? 'true' : 'false'}
          message={table.own ? t('scanCodes.own', { n: table.rules.length }) : t('scanCodes.default', { n: table.default.length })}
          description={!table.own && editable ? t('scanCodes.defaultHint') : undefined} />
        {saveError ? <ErrorAlert error={saveError} testId="scan-codes-save-error" /> : null}
        <Table<Row>
          size="small" rowKey="key" pagination={false} dataSource={rows} scroll={{ x: 900 }} sticky
          data-testid="scan-codes-table"
          locale={{ emptyText: <Typography.Text type="secondary">{t('scanCodes.empty')}</Typography.Text> }}
          onRow={(r) => ({ 'data-testid': 'scan-code-row', 'data-code': r.raw_code.trim() } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('scanCodes.col.code'), key: 'raw_code', width: 170, render: (_, r) => (editable ? withProblem(
              <Input value={r.raw_code} maxLength={40} placeholder={t('scanCodes.codePlaceholder')} aria-label={t('scanCodes.col.code')}
                status={problemAt(r, 'raw_code') ? 'error' : undefined} data-testid="scan-code-input"
                onChange={(e) => setField(r.key, 'raw_code', e.target.value)} />, problemAt(r, 'raw_code'),
            ) : <Typography.Text code>{r.raw_code}</Typography.Text>) },
            { title: t('scanCodes.col.status'), key: 'status', width: 190, render: (_, r) => (editable ? withProblem(
              <Select<TrackingStatus> value={r.status} style={{ width: '100%' }} aria-label={t('scanCodes.col.status')}
                status={problemAt(r, 'status') ? 'error' : undefined} data-testid="scan-code-status"
                onChange={(v) => setField(r.key, 'status', v)}
                options={TRACKING_STATUSES.map((s) => ({ value: s, label: <span data-testid={`status-option-${s}`}>{statusName(s)}</span> }))} />,
              problemAt(r, 'status'),
            ) : <span data-testid="scan-code-status-text">{statusName(r.status)}</span>) },
            { title: t('scanCodes.col.substatus'), key: 'substatus', width: 220, render: (_, r) => (editable ? withProblem(
              <Select<string> value={r.substatus} style={{ width: '100%' }} aria-label={t('scanCodes.col.substatus')}
                status={problemAt(r, 'substatus') ? 'error' : undefined} data-testid="scan-code-substatus"
                onChange={(v) => setField(r.key, 'substatus', v)}
                options={['', ...substatusesOf(r.status)].map((s) => ({ value: s, label: <span data-testid={`substatus-option-${s || 'none'}`}>{subName(s)}</span> }))} />,
              problemAt(r, 'substatus'),
            ) : subName(r.substatus)) },
            { title: t('scanCodes.col.party'), key: 'party', width: 130, render: (_, r) => (editable ? withProblem(
              <Select value={r.party} style={{ width: '100%' }} aria-label={t('scanCodes.col.party')} data-testid="scan-code-party"
                status={problemAt(r, 'party') ? 'error' : undefined}
                onChange={(v) => setField(r.key, 'party', v)}
                options={PARTIES.map((p) => ({ value: p, label: <span data-testid={`party-option-${p}`}>{t(`scanCodes.party.${p}`)}</span> }))} />,
              problemAt(r, 'party'),
            ) : t(`scanCodes.party.${r.party}`)) },
            { title: <Tooltip title={t('scanCodes.claimHint')}><span>{t('scanCodes.col.claim')}</span></Tooltip>, key: 'claim', width: 120,
              render: (_, r) => (
                <Switch size="small" checked={r.claim} disabled={!editable} aria-label={`${t('scanCodes.col.claim')} ${r.raw_code}`}
                  data-testid="scan-code-claim" onChange={(v) => setField(r.key, 'claim', v)} />
              ) },
            ...(editable ? [{ title: '', key: 'remove', width: 70, render: (_: unknown, r: Row) => (
              <Button size="small" type="text" danger icon={<DeleteOutlined />} data-testid="scan-code-remove"
                aria-label={t('scanCodes.removeLabel', { code: r.raw_code })} title={t('scanCodes.remove')}
                onClick={() => edit((all) => all.filter((x) => x.key !== r.key))} />
            ) }] : []),
          ]}
        />
      </Space>
    </Card>
  );
}
