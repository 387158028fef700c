// 导入订单: a CSV (UTF-8 or GBK, told apart by the server) or an .xlsx of up to 100,000 orders, all or
// nothing or valid rows only, with the upload's progress and a report listing every problem of every
// bad row under its row number, each with the column's label in the user's language. Staff choose the
// account; a portal user's orders are its own account's (POST /api/v1/orders/imports).
import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, download, upload } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { FileDrop, ModeChoice, ProblemsTable, UploadProgress } from '../../app/ImportParts';
import { CustomerPicker } from '../pricing/CustomerPicker';

type Mode = 'all_or_nothing' | 'valid_rows';

// docs/openapi.yaml OrderImportReport.
interface RowError { row: number; field: string; reason: string; message: string }
interface Report {
  import_id: number | null;
  mode: Mode;
  encoding: string | null;
  rows: number;
  created: number;
  rejected: number;
  allocated: number;
  errors: RowError[];
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ImportOrders() {
  const { t, lang, has, fieldMessage, errorText } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const portal = user?.role === 'portal';
  const [customer, setCustomer] = useState<number | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<Mode>('all_or_nothing');
  const [busy, setBusy] = useState(false);
  const [percent, setPercent] = useState(0);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);

  const columnLabel = (field: string) => {
    const key = `orderImport.column.${field}`;
    return has(key) ? t(key) : field;
  };
  const reasonLabel = (e: { field: string; reason: string; message: string }) => {
    const own = `orderImport.reason.${e.reason}`;
    if (has(own)) return t(own);
    return fieldMessage(e);
  };

  const run = async () => {
    if (!file) {
      message.warning(t('orderImport.noFile'));
      return;
    }
    if (!portal && !customer) {
      message.warning(t('orderImport.customerRequired'));
      return;
    }
    setBusy(true);
    setPercent(0);
    setError(null);
    setReport(null);
    const q = new URLSearchParams({ mode });
    if (!portal && customer) q.set('customer_id', String(customer));
    const xlsx = file.name.toLowerCase().endsWith('.xlsx');
    try {
      const r = await upload<Report>('POST', `/api/v1/orders/imports?${q.toString()}`, file, xlsx ? XLSX_TYPE : 'text/csv',
        [422], setPercent);
      setReport(r.body);
      if (r.body.created > 0) void queryClient.invalidateQueries({ queryKey: ['orders'] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // One table row per bad row of the file, every problem of the row in it.
  const rows = useMemo(() => {
    const byRow = new Map<number, RowError[]>();
    for (const e of report?.errors ?? []) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
    return [...byRow.entries()].map(([number, problems]) => ({ number, problems }));
  }, [report]);

  const note = !report ? null
    : report.created === 0 && report.rejected > 0 && report.mode === 'all_or_nothing'
      ? { type: 'warning' as const, text: t('orderImport.rejectedNote', { n: report.rejected }) }
      : report.rejected > 0
        ? { type: 'warning' as const, text: t('orderImport.partialNote', { created: report.created, rejected: report.rejected }) }
        : { type: 'success' as const, text: t('orderImport.doneNote', { n: report.created }) };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('orderImport.title')}</h2>}>
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('orderImport.intro')}</Typography.Paragraph>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download('/api/v1/orders/import-template.csv', t('orderImport.templateFile'), true).catch((e) => message.error(errorText(e)))}
            data-testid="order-import-template"
          >
            {t('orderImport.template')}
          </Button>
          {!portal && (
            <Form.Item label={t('orderImport.customer')} htmlFor="order-import-customer" required style={{ marginBottom: 0 }}>
              <CustomerPicker id="order-import-customer" value={customer} onChange={setCustomer} testId="order-import-customer"
                ariaLabel={t('orderImport.customer')} />
            </Form.Item>
          )}
          <FileDrop
            file={file}
            onChange={(f) => {
              setFile(f);
              setReport(null);
              setError(null);
            }}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={busy}
            label={t('orderImport.choose')}
            testId="order-import-file"
          />
          <ModeChoice<Mode>
            id="order-import-mode-label"
            title={t('orderImport.mode')}
            value={mode}
            onChange={setMode}
            options={[
              { value: 'all_or_nothing', label: t('orderImport.allOrNothing'), hint: t('orderImport.allOrNothingHint'), testId: 'order-import-mode-all' },
              { value: 'valid_rows', label: t('orderImport.validRows'), hint: t('orderImport.validRowsHint'), testId: 'order-import-mode-valid' },
            ]}
          />
          <Button type="primary" onClick={() => void run()} loading={busy} disabled={busy || !file || (!portal && !customer)}
            data-testid="order-import-run">{t('orderImport.run')}</Button>
          {busy && (
            <UploadProgress percent={percent} label={t('orderImport.progress')} uploading={t('orderImport.uploading')}
              processing={t('orderImport.processing')} testId="order-import-progress" />
          )}
          {error !== null && (
            <Alert type="error" showIcon data-testid="order-import-error" message={errorText(error)}
              description={error instanceof ApiError && error.fields.length
                ? error.fields.map((f) => `${columnLabel(f.field)}: ${reasonLabel({ ...f, message: f.message ?? '' })}`).join(lang === 'zh' ? '；' : '; ')
                : undefined} />
          )}
        </Space>
      </Card>
      {report && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('orderImport.report')}</h2>} data-testid="order-import-report">
          {note && <Alert type={note.type} showIcon message={note.text} style={{ marginBottom: 16 }} data-testid="order-import-note" />}
          <Descriptions bordered size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('orderImport.rows')}><span data-testid="order-import-rows">{report.rows}</span></Descriptions.Item>
            <Descriptions.Item label={t('orderImport.created')}><span data-testid="order-import-created">{report.created}</span></Descriptions.Item>
            <Descriptions.Item label={t('orderImport.rejected')}><span data-testid="order-import-rejected">{report.rejected}</span></Descriptions.Item>
            <Descriptions.Item label={t('orderImport.allocated')}>{report.allocated}</Descriptions.Item>
            {report.encoding && <Descriptions.Item label={t('orderImport.encoding')}>{report.encoding}</Descriptions.Item>}
          </Descriptions>
          <ProblemsTable<RowError>
            rows={rows}
            numberTitle={t('orderImport.row')}
            problemsTitle={t('orderImport.problems')}
            emptyText={t('orderImport.noErrors')}
            rowTestId="order-import-error-row"
            problemTestId="order-import-problem"
            lang={lang}
            fieldLabel={(e) => columnLabel(e.field)}
            reasonLabel={reasonLabel}
          />
        </Card>
      )}
    </Space>
  );
}
