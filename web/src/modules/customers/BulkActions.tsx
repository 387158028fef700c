// Bulk actions on the list's selection (POST /api/v1/customers/bulk): transfer owner, add tag,
// remove tag, archive. The answer is per id: how many succeeded, and which failed and why. "Export the
// selection" opens the list's export dialog, which exports the selected rows while there are any.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, List, Modal, Select, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import type { UserOptions } from './ListFilters';

type Action = 'transfer_owner' | 'add_tag' | 'remove_tag' | 'archive';

interface BulkResult {
  action: string;
  succeeded: number;
  failed: number;
  results: { id: number; ok: boolean; changed?: boolean; problem?: { status: number; code?: string; field?: string; reason?: string; message?: string } }[];
}

export function BulkActions({ ids, names, options, onExport, onDone }: {
  ids: number[];
  names: Map<number, string>;      // the selected rows' names, to say which failed
  options: UserOptions | undefined;
  onExport: () => void;             // opens the export dialog (for the selection)
  onDone: () => void;               // clears the selection
}) {
  const { t, errorText, fieldMessage } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const [owner, setOwner] = useState<string | undefined>(undefined);
  const [tag, setTag] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BulkResult | null>(null);

  const open = (a: Action) => {
    setOwner(undefined);
    setTag('');
    setAction(a);
  };

  const run = async () => {
    if (!action) return;
    setBusy(true);
    try {
      const body: Record<string, unknown> = { action, ids };
      if (action === 'transfer_owner') body.owner_id = Number(owner);
      if (action === 'add_tag' || action === 'remove_tag') body.tag = tag.trim();
      const r = await api<BulkResult>('POST', '/api/v1/customers/bulk', { body });
      setAction(null);
      setResult(r);
      void client.invalidateQueries({ queryKey: ['customers'] });
      void client.invalidateQueries({ queryKey: ['customer'] });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const ready = action === 'transfer_owner' ? !!owner : action === 'archive' ? true : !!tag.trim();
  const title = action === 'transfer_owner' ? t('list.bulk.transfer') : action === 'add_tag' ? t('list.bulk.addTag')
    : action === 'remove_tag' ? t('list.bulk.removeTag') : t('list.bulk.archive');
  const unchanged = result ? result.results.filter((r) => r.ok && r.changed === false).length : 0;
  const why = (p: NonNullable<BulkResult['results'][number]['problem']>) =>
    p.reason ? fieldMessage({ field: p.field ?? '', reason: p.reason, message: p.message ?? '' }) : (p.message ?? String(p.status));

  return (
    <Space wrap size={[8, 8]} data-testid="bulk-bar">
      <Typography.Text strong data-testid="bulk-count">{t('list.selected', { n: ids.length })}</Typography.Text>
      {can('customers.update') && (
        <>
          <Button size="small" onClick={() => open('transfer_owner')} data-testid="bulk-transfer">{t('list.bulk.transfer')}</Button>
          <Button size="small" onClick={() => open('add_tag')} data-testid="bulk-add-tag">{t('list.bulk.addTag')}</Button>
          <Button size="small" onClick={() => open('remove_tag')} data-testid="bulk-remove-tag">{t('list.bulk.removeTag')}</Button>
        </>
      )}
      {can('customers.update') && can('customers.delete') && (
        <Button size="small" danger onClick={() => open('archive')} data-testid="bulk-archive">{t('list.bulk.archive')}</Button>
      )}
      {can('customers.export') && (
        <Button size="small" icon={<DownloadOutlined />} onClick={onExport} data-testid="bulk-export">
          {t('list.bulk.export')}
        </Button>
      )}
      <Button size="small" type="link" onClick={onDone} data-testid="bulk-clear">{t('list.clearSelection')}</Button>

      <Modal open={action !== null} title={title} onCancel={() => setAction(null)} onOk={() => void run()} confirmLoading={busy}
        okText={t('list.bulk.run')} cancelText={t('common.cancel')} okButtonProps={{ disabled: !ready, danger: action === 'archive', 'data-testid': 'bulk-ok' } as React.ComponentProps<typeof Button>}
        destroyOnClose>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('list.selected', { n: ids.length })}</Typography.Text>
          {action === 'transfer_owner' && (
            <>
              <label htmlFor="bulk-owner-select">{t('list.bulk.newOwner')}</label>
              <Select id="bulk-owner-select" showSearch optionFilterProp="label" value={owner} onChange={setOwner} style={{ width: '100%' }}
                data-testid="bulk-owner" options={(options?.users ?? []).map((u) => ({ value: String(u.id), label: u.name }))} />
            </>
          )}
          {(action === 'add_tag' || action === 'remove_tag') && (
            <>
              <label htmlFor="bulk-tag-input">{t('list.bulk.tagName')}</label>
              <Input id="bulk-tag-input" value={tag} maxLength={30} onChange={(e) => setTag(e.target.value)} data-testid="bulk-tag"
                onPressEnter={() => ready && void run()} />
            </>
          )}
          {action === 'archive' && <Alert type="warning" showIcon message={t('list.bulk.archiveConfirm', { n: ids.length })} />}
        </Space>
      </Modal>

      <Modal open={result !== null} title={t('list.bulk.resultTitle')} onCancel={() => { setResult(null); onDone(); }}
        footer={<Button type="primary" onClick={() => { setResult(null); onDone(); }} data-testid="bulk-result-close">{t('list.bulk.run')}</Button>}>
        {result && (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="bulk-result">
            <Alert type={result.failed ? 'warning' : 'success'} showIcon message={
              <span>
                <span data-testid="bulk-succeeded">{t('list.bulk.succeeded', { n: result.succeeded })}</span>
                {' · '}
                <span data-testid="bulk-failed">{t('list.bulk.failed', { n: result.failed })}</span>
              </span>
            } description={unchanged ? t('list.bulk.unchanged', { n: unchanged }) : undefined} />
            {result.failed > 0 && (
              <List
                size="small"
                header={<Typography.Text strong>{t('list.bulk.failedList')}</Typography.Text>}
                dataSource={result.results.filter((r) => !r.ok)}
                renderItem={(r) => (
                  <List.Item data-testid="bulk-failure-row">
                    <span>{names.get(r.id) ?? `#${r.id}`}</span>
                    <Typography.Text type="danger">{r.problem ? why(r.problem) : ''}</Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </Space>
        )}
      </Modal>
    </Space>
  );
}
