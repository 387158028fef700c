// 导入客户: a CSV in UTF-8 or GBK (encoding detected by the server), checked first or imported in one
// of two modes, with a report that lists every problem of every bad row under its line, each with the
// field's label in the user's language; the failed rows as a file to fix and import again; a column
// mapping when the file's headers are not the template's; and the import history.
import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, download, upload, uploadForFile } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { FileDrop, ModeChoice, ProblemsTable, UploadProgress } from '../../app/ImportParts';
import type { MessageKey } from '../../app/i18n/zh';
import { CUSTOMER_COLUMNS } from './columns';
import { ImportHistory, importHistoryKey } from './ImportHistory';
import type { ImportReport } from './model';
import './transfer.css';

type Mode = 'all_or_nothing' | 'valid_only';
type RowError = ImportReport['errors'][number];

// The report, with what a check-only run says of the header (docs/openapi.yaml ImportReport).
interface Report extends ImportReport {
  headers?: { header: string; field: string | null; ignored: boolean }[];
  unmapped_headers?: string[];
  import_id?: number | null;
}

// header → column key, or null to leave the column out; undefined while not chosen.
type Mapping = Record<string, string | null | undefined>;

export function CustomerImport() {
  const { t, lang, has, errorText, fieldMessage } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<Mode>('all_or_nothing');
  const [busy, setBusy] = useState<'check' | 'run' | 'failed' | null>(null);
  const [percent, setPercent] = useState(0);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [unmapped, setUnmapped] = useState<string[]>([]);  // headers the server could not map
  const [mapping, setMapping] = useState<Mapping>({});     // the user's choices for them

  const columnLabel = (field: string) => {
    if (field === '') return t('column.row');
    const key = `column.${field}`;
    return has(key) ? t(key) : field;
  };
  const reasonLabel = (e: RowError) => (has(`reason.${e.reason}`) ? fieldMessage({ field: e.field, reason: e.reason, message: e.message }) : e.message || e.reason);

  // The mapping as sent: only headers with a choice (a key, or null to leave out).
  const chosen = useMemo(() => Object.fromEntries(Object.entries(mapping).filter(([, v]) => v !== undefined)) as Record<string, string | null>, [mapping]);
  const mappingComplete = unmapped.every((h) => mapping[h] !== undefined);

  const query = (extra: Record<string, string>) => {
    const q = new URLSearchParams({ mode, encoding: 'auto', ...extra });
    if (Object.keys(chosen).length) q.set('mapping', JSON.stringify(chosen));
    return q.toString();
  };

  const reset = () => {
    setReport(null);
    setError(null);
    setUnmapped([]);
    setMapping({});
  };

  const run = async (dryRun: boolean) => {
    if (!file) {
      message.warning(t('import.noFile'));
      return;
    }
    setBusy(dryRun ? 'check' : 'run');
    setPercent(0);
    setError(null);
    setReport(null);
    try {
      const r = await upload<Report>('POST', `/api/v1/customers/imports?${query({ dry_run: String(dryRun), file_name: file.name })}`,
        file, 'text/csv', [422], setPercent);
      setReport(r.body);
      const missing = r.body.unmapped_headers ?? [];
      if (missing.length) setUnmapped((prev) => [...new Set([...prev, ...missing])]);
    } catch (e) {
      // A real run whose headers cannot be mapped is refused (400 naming "columns"): a check-only run
      // answers which headers, for the mapping.
      if (!dryRun && e instanceof ApiError && e.fields.some((f) => f.field === 'columns')) {
        setBusy(null);
        await run(true);
        return;
      }
      setError(e);
    } finally {
      setBusy(null);
      // A real run may have added accounts: the list and the dashboard's numbers too, not only the history.
      void queryClient.invalidateQueries({ queryKey: dryRun ? importHistoryKey : ['customers'] });
    }
  };

  const downloadFailed = async () => {
    if (!file) return;
    setBusy('failed');
    try {
      await uploadForFile(`/api/v1/customers/imports/failed-rows?${query({ lang })}`, file, 'text/csv', t('import.failedRowsFile'));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  // The report's problems, one row per line of the file, every problem of the line in it.
  const lines = useMemo(() => {
    const byLine = new Map<number, RowError[]>();
    for (const e of report?.errors ?? []) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e]);
    return [...byLine.entries()].map(([number, problems]) => ({ number, problems }));
  }, [report]);

  const needsMapping = unmapped.length > 0 && (report?.unmapped_headers?.length ?? 0) > 0;
  const note = report
    ? needsMapping
      ? { type: 'warning' as const, text: t('import.mappingHelp', { n: report.unmapped_headers?.length ?? 0 }) }
      : report.dry_run
        ? { type: 'info' as const, text: t('import.dryRunNote') }
        : report.committed
          ? { type: 'success' as const, text: t('import.doneNote') }
          : { type: 'warning' as const, text: t('import.rejectedNote') }
    : null;

  const fieldOptions = [
    { value: '', label: t('import.mappingIgnore') },
    ...CUSTOMER_COLUMNS.map((c) => ({ value: c, label: `${t(`column.${c}` as MessageKey)} (${c})` })),
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card extra={<Link to="/customers">{t('customer.toList')}</Link>} title={<h2 className="import-section-title">{t('import.choose')}</h2>}>
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('import.intro')}</Typography.Paragraph>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download('/api/v1/customers/import-template.csv', t('import.templateFile'), true).catch((e) => message.error(errorText(e)))}
            data-testid="import-template"
          >
            {t('import.template')}
          </Button>
          <FileDrop
            file={file}
            onChange={(f) => {
              setFile(f);
              reset();
            }}
            accept=".csv,text/csv"
            disabled={busy !== null}
            label={t('import.choose')}
            testId="import-file"
          />
          <ModeChoice<Mode>
            id="import-mode-label"
            title={t('import.mode')}
            value={mode}
            onChange={setMode}
            options={[
              { value: 'all_or_nothing', label: t('import.allOrNothing'), hint: t('import.allOrNothingHint'), testId: 'mode-all' },
              { value: 'valid_only', label: t('import.validOnly'), hint: t('import.validOnlyHint'), testId: 'mode-valid' },
            ]}
          />
          {unmapped.length > 0 && (
            <div className="import-mapping" data-testid="import-mapping">
              <Typography.Title level={3} style={{ fontSize: 16 }}>{t('import.mappingTitle')}</Typography.Title>
              <Space direction="vertical" style={{ width: '100%' }}>
                {unmapped.map((header, i) => (
                  <div key={header} className="import-mapping-row">
                    <label htmlFor={`import-mapping-${i}`} className="import-mapping-header" data-testid="import-mapping-header">{header}</label>
                    <Select
                      id={`import-mapping-${i}`}
                      showSearch
                      optionFilterProp="label"
                      placeholder={t('import.mappingChoose')}
                      value={mapping[header] === undefined ? undefined : (mapping[header] ?? '')}
                      onChange={(v: string) => setMapping((m) => ({ ...m, [header]: v === '' ? null : v }))}
                      options={fieldOptions}
                      style={{ flex: 1, minWidth: 200 }}
                      data-testid={`import-mapping-${i}`}
                    />
                  </div>
                ))}
                <Button onClick={() => run(true)} disabled={!mappingComplete || busy !== null} loading={busy === 'check'}
                  data-testid="import-mapping-apply">{t('import.mappingApply')}</Button>
              </Space>
            </div>
          )}
          <Space wrap>
            <Button onClick={() => run(true)} loading={busy === 'check'} disabled={busy !== null || !file} data-testid="import-check">{t('import.check')}</Button>
            <Button type="primary" onClick={() => run(false)} loading={busy === 'run'} disabled={busy !== null || !file || !mappingComplete}
              data-testid="import-run">{t('import.run')}</Button>
          </Space>
          {busy === 'check' || busy === 'run' ? (
            <UploadProgress percent={percent} label={t('import.progress')} uploading={t('import.uploading')}
              processing={t('import.processing')} testId="import-progress" />
          ) : null}
          {error !== null && (
            <Alert type="error" showIcon data-testid="import-error" message={errorText(error)}
              description={error instanceof ApiError && error.fields.length
                ? error.fields.map((f) => `${columnLabel(f.field)}: ${fieldMessage(f)}`).join(lang === 'zh' ? '；' : '; ') : undefined} />
          )}
        </Space>
      </Card>
      {report && (
        <Card title={<h2 className="import-section-title">{t('import.report')}</h2>} data-testid="import-report">
          {note && <Alert type={note.type} showIcon message={note.text} style={{ marginBottom: 16 }}
            action={report.committed && report.imported > 0
              ? <Button size="small" onClick={() => navigate('/customers')}>{t('import.toList')}</Button> : undefined} />}
          <Descriptions bordered size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('import.total')}><span data-testid="import-total">{report.total_rows}</span></Descriptions.Item>
            <Descriptions.Item label={t('import.valid')}><span data-testid="import-valid">{report.valid}</span></Descriptions.Item>
            <Descriptions.Item label={t('import.failed')}><span data-testid="import-failed">{report.failed}</span></Descriptions.Item>
            <Descriptions.Item label={t('import.imported')}><span data-testid="import-imported">{report.imported}</span></Descriptions.Item>
            <Descriptions.Item label={t('import.encoding')}>{report.encoding}</Descriptions.Item>
            <Descriptions.Item label={t('import.committed')}>{report.committed ? t('common.yes') : t('import.notCommitted')}</Descriptions.Item>
          </Descriptions>
          {report.failed > 0 && (
            <Space wrap style={{ marginTop: 16 }}>
              <Button icon={<DownloadOutlined />} onClick={() => void downloadFailed()} loading={busy === 'failed'} disabled={busy !== null}
                data-testid="import-failed-rows">{t('import.failedRows')}</Button>
              <Typography.Text type="secondary">{t('import.failedRowsHint')}</Typography.Text>
            </Space>
          )}
          <ProblemsTable<RowError>
            rows={lines}
            numberTitle={t('import.line')}
            problemsTitle={t('import.problems')}
            emptyText={<span className="transfer-empty">{t('import.noErrors')}</span>}
            rowTestId="import-error-row"
            problemTestId="import-problem"
            lang={lang}
            fieldLabel={(e) => (e.field === 'columns' ? t('column.columns') : columnLabel(e.field))}
            reasonLabel={reasonLabel}
          />
        </Card>
      )}
      <ImportHistory />
    </Space>
  );
}
