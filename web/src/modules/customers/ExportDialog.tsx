// 导出客户: before an export, which columns (all by default, every classification included) and in which
// language (headers and values; the console's by default). The export itself stays the list's
// (GET /api/v1/customers/export: a file at once, or a background job above the threshold). Which rows
// is the list's: the selected ones while rows are selected (`ids`), the filtered list otherwise; the
// dialog says which.
import { Checkbox, Modal, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n, type Lang } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { CUSTOMER_COLUMNS, type CustomerColumn } from './columns';
import './transfer.css';

export interface ExportChoice { columns: CustomerColumn[]; lang: Lang }

// The query parameters of a choice: `columns` only when not all of them (the server's default).
export function exportParams(choice: ExportChoice): Record<string, string> {
  const all = choice.columns.length === CUSTOMER_COLUMNS.length;
  return { lang: choice.lang, ...(all ? {} : { columns: choice.columns.join(',') }) };
}

export function useExportChoice() {
  const { lang } = useI18n();
  return useState<ExportChoice>(() => ({ columns: [...CUSTOMER_COLUMNS], lang }));
}

// The controls alone (the unmasked export's dialog shows them too).
export function ExportOptions({ value, onChange }: { value: ExportChoice; onChange: (v: ExportChoice) => void }) {
  const { t } = useI18n();
  const all = value.columns.length === CUSTOMER_COLUMNS.length;
  const some = value.columns.length > 0 && !all;
  // Keep the template's order whatever the order of the clicks.
  const ordered = (cols: string[]) => CUSTOMER_COLUMNS.filter((c) => cols.includes(c));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <fieldset className="export-fieldset">
        <legend>{t('export.columns')}</legend>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('export.columnsHelp')}</Typography.Paragraph>
        <Checkbox checked={all} indeterminate={some} data-testid="export-columns-all"
          onChange={(e) => onChange({ ...value, columns: e.target.checked ? [...CUSTOMER_COLUMNS] : [] })}>
          {t('export.allColumns')}
        </Checkbox>
        <Checkbox.Group value={value.columns} onChange={(v) => onChange({ ...value, columns: ordered(v as string[]) })}
          className="export-columns">
          {CUSTOMER_COLUMNS.map((c) => (
            <Checkbox key={c} value={c} data-testid={`export-column-${c}`}>{t(`column.${c}` as MessageKey)}</Checkbox>
          ))}
        </Checkbox.Group>
        {value.columns.length === 0 && <Typography.Text type="danger" role="alert">{t('export.noColumns')}</Typography.Text>}
      </fieldset>
      <fieldset className="export-fieldset">
        <legend>{t('export.language')}</legend>
        <Radio.Group value={value.lang} onChange={(e) => onChange({ ...value, lang: e.target.value as Lang })}>
          <Space direction="vertical">
            <Radio value="zh" data-testid="export-lang-zh">{t('export.langZh')}</Radio>
            <Radio value="en" data-testid="export-lang-en">{t('export.langEn')}</Radio>
          </Space>
        </Radio.Group>
      </fieldset>
    </Space>
  );
}

// Which rows an export writes, as the dialogs say it: the `selected` rows (a count) or, with none, the
// list as filtered now.
export function ExportRows({ selected }: { selected: number }) {
  const { t } = useI18n();
  return (
    <Typography.Paragraph type="secondary" data-testid="export-rows">
      {selected > 0 ? t('export.rowsSelected', { n: selected }) : t('export.rows')}
    </Typography.Paragraph>
  );
}

// The dialog of a masked export (CSV or Excel): the choice, then `onExport`.
export function ExportDialog({ format, selected, busy, onCancel, onExport }: {
  format: 'csv' | 'xlsx' | null;           // open while set
  selected: number;                        // how many rows are selected (0: the filtered list)
  busy: boolean;
  onCancel: () => void;
  onExport: (format: 'csv' | 'xlsx', params: Record<string, string>) => void;
}) {
  const { t } = useI18n();
  const [choice, setChoice] = useExportChoice();
  const { lang } = useI18n();
  useEffect(() => {
    if (format) setChoice((c) => ({ ...c, lang }));
  }, [format, lang, setChoice]);
  return (
    <Modal open={format !== null} title={`${t('export.title')} (${format === 'xlsx' ? 'Excel' : 'CSV'})`} onCancel={onCancel}
      okText={t('export.start')} cancelText={t('common.cancel')} confirmLoading={busy} width={640}
      onOk={() => format && choice.columns.length > 0 && onExport(format, exportParams(choice))}
      okButtonProps={{ disabled: choice.columns.length === 0, 'data-testid': 'export-ok' } as React.ComponentProps<typeof Modal>['okButtonProps']}>
      <ExportRows selected={selected} />
      <ExportOptions value={choice} onChange={setChoice} />
    </Modal>
  );
}
