// 导入记录: the import runs (GET /api/v1/customers/imports), newest first — who, when, which file, how,
// and how many rows. One's own runs; admins and managers see everyone's.
import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import { api } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { Schemas } from '../../app/schema';
import './transfer.css';

type ImportRun = Schemas['ImportRun'];

export const importHistoryKey = ['customers', 'imports'];

export function ImportHistory() {
  const { t, label, dateTime, number } = useI18n();
  const { data, error, refetch, isFetching } = useQuery({
    queryKey: importHistoryKey,
    queryFn: async () => (await api<{ items: ImportRun[] }>('GET', '/api/v1/customers/imports?limit=20')).items,
    staleTime: 0,
  });
  const outcomeColor = (o: string | undefined) => (o === 'imported' ? 'green' : o === 'rejected' ? 'red' : 'blue');
  return (
    <Card size="small" title={<h2 className="import-section-title">{t('import.history')}</h2>} data-testid="import-history">
      {error ? <ErrorAlert error={error} onRetry={() => void refetch()} /> : (
        <Table<ImportRun>
          rowKey={(r) => String(r.id)}
          size="small"
          loading={!data && isFetching}
          dataSource={data ?? []}
          pagination={false}
          scroll={{ x: 760 }}
          locale={{ emptyText: <span className="transfer-empty">{t('import.historyEmpty')}</span> }}
          onRow={() => ({ 'data-testid': 'import-history-row' } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('import.historyWhen'), dataIndex: 'created_at', width: 170, render: (v: string) => dateTime(v) },
            { title: t('import.historyWho'), dataIndex: 'login', width: 110 },
            { title: t('import.historyFile'), dataIndex: 'file_name', ellipsis: true, render: (v: string) => <span data-testid="import-history-file">{v}</span> },
            { title: t('import.historyMode'), dataIndex: 'mode', width: 130, render: (v: string, r) =>
              `${label('import_mode', v)}${r.dry_run ? ` · ${t('import.check')}` : ''}` },
            { title: t('import.historyOutcome'), dataIndex: 'outcome', width: 100, render: (v: string) =>
              <Tag color={outcomeColor(v)}>{label('import_outcome', v)}</Tag> },
            { title: t('import.historyRows'), key: 'rows', width: 170, render: (_: unknown, r) => (
              <span data-testid="import-history-rows">
                {number(r.total_rows ?? 0)} / {number(r.ok_rows ?? 0)} / {number(r.failed_rows ?? 0)}
              </span>
            ) },
          ]}
        />
      )}
    </Card>
  );
}
