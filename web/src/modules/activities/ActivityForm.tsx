// 记录跟进: the dialog that records an activity on a subject — its kind, when it happened (now unless
// changed, on the company's clock), the outcome, a note, and a next step with its due time. The server's
// verdict on a field (a time in the future, a next step without its due time) stays at that field, kept as
// the problem so it follows a language switch.
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Radio, Space, type FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError, type FieldProblem } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { activitiesChanged, recordActivity, type ActivityDraft } from './api';
import { companyDayAt, companyLocalInput, instantOfCompanyLocal } from './companyTime';
import { ACTIVITY_KINDS, type ActivityKind } from './model';

interface Values {
  kind: ActivityKind;
  occurred_at: string;       // datetime-local, the company's wall clock
  outcome?: string;
  note?: string;
  next_step?: string;
  next_step_due_at?: string;
}

const FIELDS = ['kind', 'occurred_at', 'outcome', 'note', 'next_step', 'next_step_due_at'] as const;

interface Props {
  subject: { kind: string; id: number };
  open: boolean;
  onClose: () => void;
}

export function ActivityForm({ subject, open, onClose }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  return (
    <Modal
      open={open}
      title={t('activities.recordTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'activity-save' } as Record<string, string>}
      cancelButtonProps={{ 'data-testid': 'activity-cancel' } as Record<string, string>}
      destroyOnHidden
    >
      {/* Mounted afresh each time the dialog opens: a new "now", no old values or errors. */}
      <ActivityFormBody form={form} subject={subject} onBusy={setBusy} onDone={onClose} />
    </Modal>
  );
}

function ActivityFormBody({ form, subject, onBusy, onDone }: {
  form: FormInstance<Values>; subject: Props['subject']; onBusy: (busy: boolean) => void; onDone: () => void;
}) {
  const { t, label, fieldMessage } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<FieldProblem[]>([]);
  const [error, setError] = useState<unknown>(null);
  // The time shown when the dialog opened. Left as it is, none is sent and the server takes its own
  // "now": a browser clock a little ahead of the server's would otherwise be refused as the future.
  const [openedAt] = useState(() => companyLocalInput(new Date()));

  const submit = async (values: Values) => {
    const draft: ActivityDraft = { subject, kind: values.kind };
    if (values.occurred_at && values.occurred_at !== openedAt) {
      const at = instantOfCompanyLocal(values.occurred_at);
      if (at) draft.occurred_at = at;
    }
    if (values.outcome?.trim()) draft.outcome = values.outcome.trim();
    if (values.note?.trim()) draft.note = values.note;
    if (values.next_step?.trim()) draft.next_step = values.next_step.trim();
    const due = instantOfCompanyLocal(values.next_step_due_at);
    if (due) draft.next_step_due_at = due;
    onBusy(true);
    setFields([]);
    setError(null);
    try {
      await recordActivity(draft);
      message.success(t('activities.recorded'));
      activitiesChanged(queryClient);
      onDone();
    } catch (e) {
      const known = e instanceof ApiError ? e.fields.filter((f) => (FIELDS as readonly string[]).includes(f.field)) : [];
      setFields(known);
      // A problem no field of the form answers for (the subject gone, no permission, the network) above the form.
      if (!(e instanceof ApiError) || known.length === 0 || known.length < e.fields.length) setError(e);
    } finally {
      onBusy(false);
    }
  };

  const item = (name: (typeof FIELDS)[number]) => {
    const p = fields.find((f) => f.field === name);
    return p ? { validateStatus: 'error' as const, help: <span data-testid={`activity-error-${name}`}>{fieldMessage(p)}</span> } : {};
  };
  const setDue = (value: string) => {
    form.setFieldsValue({ next_step_due_at: value });
    setFields((fs) => fs.filter((f) => f.field !== 'next_step_due_at'));
  };

  return (
    <>
      {error !== null && <ErrorAlert error={error} style={{ marginBottom: 12 }} testId="activity-error" />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}
        initialValues={{ kind: 'call', occurred_at: openedAt, outcome: '', note: '', next_step: '', next_step_due_at: '' }}
        onValuesChange={(changed) => setFields((fs) => fs.filter((f) => !(f.field in changed)))}>
        <Form.Item name="kind" label={t('activities.kind')} {...item('kind')}>
          <Radio.Group optionType="button" buttonStyle="solid" className="activity-kinds"
            options={ACTIVITY_KINDS.map((k) => ({ value: k, label: <span data-testid={`activity-kind-${k}`}>{label('activity_kind', k)}</span> }))} />
        </Form.Item>
        <Form.Item name="occurred_at" label={t('activities.occurredAt')} extra={t('activities.occurredAtHelp')} {...item('occurred_at')}>
          <Input type="datetime-local" data-testid="activity-occurred-at" />
        </Form.Item>
        <Form.Item name="outcome" label={t('activities.outcome')} {...item('outcome')}>
          <Input maxLength={200} data-testid="activity-outcome-input" />
        </Form.Item>
        <Form.Item name="note" label={t('activities.note')} {...item('note')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} data-testid="activity-note-input" />
        </Form.Item>
        <Form.Item name="next_step" label={t('activities.nextStep')} {...item('next_step')}>
          <Input maxLength={200} data-testid="activity-next-step-input" />
        </Form.Item>
        <Form.Item name="next_step_due_at" label={t('activities.nextStepDue')} {...item('next_step_due_at')}
          extra={(
            <>
              <div>{t('activities.nextStepHelp')}</div>
              <Space size="small" wrap className="activity-due-presets">
                <Button size="small" onClick={() => setDue(companyDayAt(0, 18))} data-testid="activity-due-today">{t('activities.presetToday')}</Button>
                <Button size="small" onClick={() => setDue(companyDayAt(1, 9))} data-testid="activity-due-tomorrow">{t('activities.presetTomorrow')}</Button>
              </Space>
            </>
          )}>
          <Input type="datetime-local" data-testid="activity-next-step-due" />
        </Form.Item>
      </Form>
    </>
  );
}
