// The parts every file import of the console shares (customers, orders): the file drop, the choice of
// mode, the upload's progress and the report's table of bad rows, one row per row of the file with
// every problem of it. Each import page keeps its own words and test ids.
import { InboxOutlined } from '@ant-design/icons';
import { Progress, Radio, Space, Table, Typography, Upload } from 'antd';
import type { ReactNode } from 'react';

// One file at a time; choosing another or removing it calls onChange (null when removed).
export function FileDrop({ file, onChange, accept, disabled, label, testId }: {
  file: File | null;
  onChange: (file: File | null) => void;
  accept: string;
  disabled: boolean;
  label: string;
  testId: string;
}) {
  return (
    <Upload.Dragger
      accept={accept}
      maxCount={1}
      disabled={disabled}
      fileList={file ? [{ uid: 'file', name: file.name, size: file.size, type: file.type, status: 'done' }] : []}
      beforeUpload={(f) => {
        onChange(f);
        return false;
      }}
      onRemove={() => onChange(null)}
      data-testid={testId}
    >
      <p className="ant-upload-drag-icon"><InboxOutlined /></p>
      <p>{label}</p>
    </Upload.Dragger>
  );
}

export interface ModeOption<M extends string> { value: M; label: string; hint: string; testId: string }

// The import's modes as labelled radio buttons, each with its hint.
export function ModeChoice<M extends string>({ id, title, value, onChange, options }: {
  id: string;
  title: string;
  value: M;
  onChange: (mode: M) => void;
  options: ModeOption<M>[];
}) {
  return (
    <div>
      <Typography.Text strong id={id}>{title}</Typography.Text>
      <Radio.Group value={value} onChange={(e) => onChange(e.target.value as M)} style={{ display: 'block', marginTop: 8 }}
        aria-labelledby={id}>
        <Space direction="vertical">
          {options.map((o) => (
            <Radio key={o.value} value={o.value} data-testid={o.testId}>
              {o.label} — <Typography.Text type="secondary">{o.hint}</Typography.Text>
            </Radio>
          ))}
        </Space>
      </Radio.Group>
    </div>
  );
}

// The upload's progress, then "processing" once every byte is sent.
export function UploadProgress({ percent, label, uploading, processing, testId }: {
  percent: number;
  label: string;
  uploading: string;
  processing: string;
  testId: string;
}) {
  return (
    <div data-testid={testId}>
      <Progress percent={percent} status="active" aria-label={label} />
      <Typography.Text type="secondary">{percent < 100 ? uploading : processing}</Typography.Text>
    </div>
  );
}

export interface Problem { field: string; reason: string; message: string }

// The bad rows: the row's number, then each problem as "column: reason" (in English followed by the
// server's message).
export function ProblemsTable<P extends Problem>({ rows, numberTitle, problemsTitle, emptyText, rowTestId, problemTestId,
  lang, fieldLabel, reasonLabel }: {
  rows: { number: number; problems: P[] }[];
  numberTitle: string;
  problemsTitle: string;
  emptyText: ReactNode;
  rowTestId: string;
  problemTestId: string;
  lang: 'zh' | 'en';
  fieldLabel: (problem: P) => string;
  reasonLabel: (problem: P) => string;
}) {
  return (
    <Table<{ number: number; problems: P[] }>
      style={{ marginTop: 16 }}
      rowKey={(r) => String(r.number)}
      size="small"
      dataSource={rows}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText }}
      onRow={() => ({ 'data-testid': rowTestId } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        { title: numberTitle, dataIndex: 'number', width: 72 },
        {
          title: problemsTitle, key: 'problems', render: (_: unknown, r) => (
            <ul className="import-problems" style={{ margin: 0, paddingLeft: 18 }}>
              {r.problems.map((p, i) => (
                <li key={i} data-testid={problemTestId}>
                  <Typography.Text strong>{fieldLabel(p)}</Typography.Text>
                  {lang === 'zh' ? '：' : ': '}
                  {reasonLabel(p)}
                  {lang === 'en' && p.message && <Typography.Text type="secondary"> — {p.message}</Typography.Text>}
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}
