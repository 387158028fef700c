// 导入客户: a CSV in UTF-8 or GBK (encoding detected by the server), checked first or imported in one
// of two modes, with a report that names every bad row, its line, field and reason.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Progress, Radio, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, download, upload } from '../../app/api';
import { useI18n } from '../../app/i18n';
import type { ImportReport } from './model';

type Mode = 'all_or_nothing' | 'valid_only';

export function CustomerImport() {
  const { t, has, errorText, fieldMessage } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<Mode>('all_or_nothing');
  const [busy, setBusy] = useState<'check' | 'run' | null>(null);
  const [percent, setPercent] = useState(0);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);

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
      const r = await upload<ImportReport>('POST',
        `/api/v1/customers/imports?mode=${mode}&dry_run=${dryRun}&encoding=auto`, file, 'text/csv', [422], setPercent);
      setReport(r.body);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const reasonLabel = (reason: string) => (has(`reason.${reason}`) ? fieldMessage({ field: '', reason, message: '' }) : reason);

  const note = report
    ? report.dry_run
      ? { type: 'info' as const, text: t('import.dryRunNote') }
      : report.committed
        ? { type: 'success' as const, text: t('import.doneNote') }
        : { type: 'warning' as const, text: t('import.rejectedNote') }
    : null;

  return (
    <Card title={t('import.title')} extra={<Link to="/customers">{t('customer.toList')}</Link>}>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('import.intro')}</Typography.Paragraph>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => download('/api/v1/customers/import-template.csv', t('import.templateFile'), true).catch((e) => message.error(errorText(e)))}
          data-testid="import-template"
        >
          {t('import.template')}
        </Button>
        <Upload.Dragger
          accept=".csv,text/csv"
          maxCount={1}
          disabled={busy !== null}
          fileList={file ? [{ uid: 'csv', name: file.name, size: file.size, type: file.type, status: 'done' }] : []}
          beforeUpload={(f) => {
            setFile(f);
            setReport(null);
            setError(null);
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setReport(null);
          }}
          data-testid="import-file"
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p>{t('import.choose')}</p>
        </Upload.Dragger>
        <div>
          <Typography.Text strong>{t('import.mode')}</Typography.Text>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as Mode)} style={{ display: 'block', marginTop: 8 }}>
            <Space direction="vertical">
              <Radio value="all_or_nothing" data-testid="mode-all">
                {t('import.allOrNothing')} — <Typography.Text type="secondary">{t('import.allOrNothingHint')}</Typography.Text>
              </Radio>
              <Radio value="valid_only" data-testid="mode-valid">
                {t('import.validOnly')} — <Typography.Text type="secondary">{t('import.validOnlyHint')}</Typography.Text>
              </Radio>
            </Space>
          </Radio.Group>
        </div>
        <Space>
          <Button onClick={() => run(true)} loading={busy === 'check'} disabled={busy !== null || !file} data-testid="import-check">{t('import.check')}</Button>
          <Button type="primary" onClick={() => run(false)} loading={busy === 'run'} disabled={busy !== null || !file} data-testid="import-run">{t('import.run')}</Button>
        </Space>
        {busy !== null && (
          <div data-testid="import-progress">
            <Progress percent={percent} status="active" aria-label={t('import.progress')} />
            <Typography.Text type="secondary">{percent < 100 ? t('import.uploading') : t('import.processing')}</Typography.Text>
          </div>
        )}
        {error !== null && (
          <Alert type="error" showIcon data-testid="import-error" message={errorText(error)}
            description={error instanceof ApiError && error.fields.length ? error.fields.map((f) => `${f.field}: ${fieldMessage(f)}`).join('；') : undefined} />
        )}
        {report && (
          <div data-testid="import-report">
            {note && <Alert type={note.type} showIcon message={note.text} style={{ marginBottom: 16 }}
              action={report.committed && report.imported > 0 ? <Link to="/customers">{t('import.toList')}</Link> : undefined} />}
            <Descriptions title={t('import.report')} bordered size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('import.total')}><span data-testid="import-total">{report.total_rows}</span></Descriptions.Item>
              <Descriptions.Item label={t('import.valid')}><span data-testid="import-valid">{report.valid}</span></Descriptions.Item>
              <Descriptions.Item label={t('import.failed')}><span data-testid="import-failed">{report.failed}</span></Descriptions.Item>
              <Descriptions.Item label={t('import.imported')}><span data-testid="import-imported">{report.imported}</span></Descriptions.Item>
              <Descriptions.Item label={t('import.encoding')}>{report.encoding}</Descriptions.Item>
              <Descriptions.Item label={t('import.committed')}>{report.committed ? t('common.yes') : t('import.notCommitted')}</Descriptions.Item>
            </Descriptions>
            <Table
              style={{ marginTop: 16 }}
              rowKey={(e) => `${e.line}-${e.field}-${e.reason}-${e.message}`}
              size="small"
              dataSource={report.errors}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              locale={{ emptyText: t('import.noErrors') }}
              onRow={() => ({ 'data-testid': 'import-error-row' } as React.HTMLAttributes<HTMLElement>)}
              columns={[
                { title: t('import.line'), dataIndex: 'line', width: 80 },
                { title: t('import.field'), dataIndex: 'field', width: 160 },
                { title: t('import.reason'), dataIndex: 'reason', width: 200, render: (v: string) => <Tag>{reasonLabel(v)}</Tag> },
                { title: t('import.message'), dataIndex: 'message' },
              ]}
            />
          </div>
        )}
      </Space>
    </Card>
  );
}
