// 版本对比: two versions of a contract side by side (GET …/versions to pick, …/versions/{n} for each),
// the terms row by row with the rows that differ highlighted and marked 已变更 / Changed. The versions
// picked live in the URL (?left=1&right=2); by default the last two.
import { Alert, Button, Card, Col, Form, Result, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { usePageTitle } from '../../app/pageHead';
import { useContract, useProductName, useVersion, useVersions } from './api';
import type { ContractVersion, VersionStatus } from './model';
import { termRows } from './termRows';

interface CompareRow { key: string; label: string; left: string; right: string; changed: boolean }

const STATUS_COLOURS: Record<VersionStatus, string> = { effective: 'green', proposed: 'blue', rejected: 'red', withdrawn: 'default' };

export function Versions() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const contract = useContract(id);
  const versions = useVersions(id);
  const list = versions.data ?? [];
  const numbers = list.map((v) => v.version);
  const pick = (key: 'left' | 'right', fallback: number | undefined) => {
    const n = Number(params.get(key));
    return numbers.includes(n) ? n : fallback ?? null;
  };
  const left = pick('left', numbers.length > 1 ? numbers[numbers.length - 2] : numbers[0]);
  const right = pick('right', numbers[numbers.length - 1]);
  const leftVersion = useVersion(id, left);
  const rightVersion = useVersion(id, right);
  const product = useProductName();
  usePageTitle(contract.data ? `${t('versions.title')} · ${contract.data.body.number}` : null);

  if (versions.error instanceof ApiError && versions.error.status === 404) {
    return (
      <Result status="404" title={<span data-testid="contract-not-found">{t('contract.notFound')}</span>}
        extra={<Button type="primary" onClick={() => navigate('/contracts')}>{t('contract.toList')}</Button>} />
    );
  }
  if (versions.error) return <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} testId="versions-error" />;
  if (!versions.data) return <Spin />;

  const set = (key: 'left' | 'right', n: number) => {
    const next = new URLSearchParams(params);
    next.set(key, String(n));
    setParams(next, { replace: true });
  };
  const option = (v: ContractVersion) => ({
    value: v.version,
    label: t('versions.option', { n: v.version, status: label('version_status', v.status), date: v.effective_from }),
  });
  const words = { t, label, product };
  const a = leftVersion.data;
  const b = rightVersion.data;
  let rows: CompareRow[] = [];
  if (a && b) {
    const ra = termRows(a.terms, words);
    const rb = termRows(b.terms, words);
    const byKey = new Map(rb.map((r) => [r.key, r]));
    const seen = new Set<string>();
    // In the left version's order, with the right's new rows after the row they follow.
    for (const r of ra) {
      seen.add(r.key);
      const other = byKey.get(r.key);
      rows.push({ key: r.key, label: r.label, left: r.value, right: other?.value ?? '', changed: r.value !== (other?.value ?? '') });
    }
    rb.forEach((r, i) => {
      if (seen.has(r.key)) return;
      const after = i > 0 ? rows.findIndex((x) => x.key === rb[i - 1].key) : -1;
      rows.splice(after + 1, 0, { key: r.key, label: r.label, left: '', right: r.value, changed: true });
      seen.add(r.key);
    });
  } else {
    rows = [];
  }
  const changed = rows.filter((r) => r.changed).length;
  const header = (v: ContractVersion | undefined, n: number | null) => (
    <Space size={4} wrap>
      <span>{t('versions.col.version', { n: n ?? '' })}</span>
      {v && <Tag color={STATUS_COLOURS[v.status]} className="contract-state">{label('version_status', v.status)}</Tag>}
      {v && <Typography.Text type="secondary">{t('contract.effectiveFrom', { date: v.effective_from })}</Typography.Text>}
    </Space>
  );

  return (
    <Card className="contract-page" data-testid="versions-page">
      <div className="contract-head">
        <Typography.Text strong>{contract.data?.body.number}</Typography.Text>
        <Button onClick={() => navigate(`/contracts/${id}`)} data-testid="versions-back">{t('versions.back')}</Button>
      </div>
      {list.length < 2 && <Alert type="info" showIcon message={t('versions.onlyOne')} style={{ marginBottom: 16 }} data-testid="versions-only-one" />}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label={t('versions.left')} htmlFor="versions-left" layout="vertical">
            <Select id="versions-left" value={left} options={list.map(option)} onChange={(n: number) => set('left', n)} data-testid="versions-left" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('versions.right')} htmlFor="versions-right" layout="vertical">
            <Select id="versions-right" value={right} options={list.map(option)} onChange={(n: number) => set('right', n)} data-testid="versions-right" />
          </Form.Item>
        </Col>
      </Row>
      {(leftVersion.error || rightVersion.error) && <ErrorAlert error={leftVersion.error ?? rightVersion.error} testId="version-error" />}
      {a && b && (
        <>
          <Typography.Paragraph data-testid="versions-summary" role="status">
            {changed ? t('versions.changedCount', { n: changed }) : t('versions.same')}
          </Typography.Paragraph>
          {(a.note || b.note) && (
            <Typography.Paragraph type="secondary">
              {t('versions.note')}: {[a.note && `${t('versions.col.version', { n: a.version })} ${a.note}`, b.note && `${t('versions.col.version', { n: b.version })} ${b.note}`].filter(Boolean).join('；')}
            </Typography.Paragraph>
          )}
          <Table<CompareRow>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={rows}
            scroll={{ x: 640 }}
            rowClassName={(r) => (r.changed ? 'contract-changed-row' : '')}
            onRow={(r) => ({ 'data-testid': 'compare-row', 'data-key': r.key, 'data-changed': r.changed ? 'true' : 'false' } as React.HTMLAttributes<HTMLElement>)}
            columns={[
              {
                title: t('versions.col.term'), key: 'label', width: '30%',
                render: (_, r) => <>{r.label}{r.changed && <span className="contract-changed-mark" data-testid="changed-mark">· {t('versions.changed')}</span>}</>,
              },
              { title: header(a, left), key: 'left', render: (_, r) => <span data-testid="compare-left" style={{ whiteSpace: 'pre-wrap' }}>{r.left}</span> },
              { title: header(b, right), key: 'right', render: (_, r) => <span data-testid="compare-right" style={{ whiteSpace: 'pre-wrap' }}>{r.right}</span> },
            ]}
          />
        </>
      )}
    </Card>
  );
}
