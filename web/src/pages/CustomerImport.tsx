// 导入客户: a CSV in UTF-8 or GBK, checked first or imported in one of two modes, with a report that
// names every bad row, its line and the reason.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Progress, Radio, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, apiAllowing, download } from '../api';
import { useI18n } from '../i18n';
import type { ImportReport } from '../model';

export function CustomerImport() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'all_or_nothing' | 'valid_only'>('all_or_nothing');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (dryRun: boolean) => {
    if (!file) {
      message.warning(t('import.noFile'));
      return;
    }
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const r = await apiAllowing<ImportReport>('POST', `/api/v1/customers/imports?mode=${mode}&dry_run=${dryRun}`, [422], {
        raw: file,
        contentType: 'text/csv',
      });
      setReport(r.body);
    } catch (e) {
      setError(e instanceof ApiError ? `${e.title} ${e.fields.map((f) => f.message).join('; ')}` : t('common.error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('import.title')} extra={<Link to="/customers">{t('customer.toList')}</Link>}>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Typography.Paragraph>{t('import.intro')}</Typography.Paragraph>
        <Button icon={<DownloadOutlined />} onClick={() => download('/api/v1/customers/import-template.csv', '客户导入模板.csv')} data-testid="import-template">
          {t('import.template')}
        </Button>
        <Upload.Dragger
          accept=".csv,text/csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setReport(null);
            return false;
          }}
          onRemove={() => setFile(null)}
          data-testid="import-file"
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p>{t('import.choose')}</p>
        </Upload.Dragger>
        <div>
          <Typography.Text strong>{t('import.mode')}</Typography.Text>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} style={{ display: 'block', marginTop: 8 }}>
            <Space direction="vertical">
              <Radio value="all_or_nothing" data-testid="mode-all">{t('import.allOrNothing')} — <Typography.Text type="secondary">{t('import.allOrNothingHint')}</Typography.Text></Radio>
              <Radio value="valid_only" data-testid="mode-valid">{t('import.validOnly')} — <Typography.Text type="secondary">{t('import.validOnlyHint')}</Typography.Text></Radio>
            </Space>
          </Radio.Group>
        </div>
        <Space>
          <Button onClick={() => run(true)} disabled={busy} data-testid="import-check">{t('import.check')}</Button>
          <Button type="primary" onClick={() => run(false)} loading={busy} data-testid="import-run">{t('import.run')}</Button>
        </Space>
        {busy && <Progress percent={99} status="active" showInfo={false} aria-label={t('import.uploading')} />}
        {busy && <Typography.Text type="secondary">{t('import.uploading')}</Typography.Text>}
        {error && <Alert type="error" showIcon message={error} data-testid="import-error" />}
        {report && (
          <div data-testid="import-report">
            <Descriptions title={t('import.report')} bordered size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('import.total')}>{report.total_rows}</Descriptions.Item>
              <Descriptions.Item label={t('import.valid')}>{report.valid}</Descriptions.Item>
              <Descriptions.Item label={t('import.failed')}>{report.failed}</Descriptions.Item>
              <Descriptions.Item label={t('import.imported')}><span data-testid="import-imported">{report.imported}</span></Descriptions.Item>
              <Descriptions.Item label={t('import.encoding')}>{report.encoding}</Descriptions.Item>
              <Descriptions.Item label={t('import.committed')}>{report.committed ? t('common.yes') : t('import.notCommitted')}</Descriptions.Item>
            </Descriptions>
            <Table
              style={{ marginTop: 16 }}
              rowKey={(e) => `${e.line}-${e.field}-${e.reason}`}
              size="small"
              dataSource={report.errors}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              locale={{ emptyText: t('import.noErrors') }}
              onRow={() => ({ 'data-testid': 'import-error-row' } as React.HTMLAttributes<HTMLElement>)}
              columns={[
                { title: t('import.line'), dataIndex: 'line', width: 80 },
                { title: t('import.field'), dataIndex: 'field', width: 140 },
                { title: t('import.reason'), dataIndex: 'reason', width: 140 },
                { title: t('import.message'), dataIndex: 'message' },
              ]}
            />
          </div>
        )}
      </Space>
    </Card>
  );
}
