// One rate card: the grid (edited in place when it is a draft) and what can be done with it —
// activate a draft (a published one replaces the product's active card; an agreement card needs the
// day it starts), start a new draft from an active card, end an active agreement card. Actions wait
// while the grid has unsaved edits.
import { Alert, App, Button, DatePicker, Form, Modal, Result, Space, Tooltip } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { companyToday, useI18n } from '../../app/i18n';
import { usePageTitle } from '../../app/pageHead';
import { activateCard, cardChanged, createDraftFrom, endCard, useRateCard, type RateCard } from './api';
import { RateCardGrid } from './RateCardGrid';

export function CardPage() {
  const params = useParams();
  const id = Number(params.id);
  const { t } = useI18n();
  const navigate = useNavigate();
  const [dirty, setDirty] = useState(false);
  const query = useRateCard(Number.isInteger(id) && id > 0 ? id : 0);
  usePageTitle(query.data?.card.name ?? null);
  const missing = query.error instanceof ApiError && query.error.status === 404;
  if (!Number.isInteger(id) || id <= 0 || missing) {
    return (
      <Result status="404" title={<span data-testid="card-not-found">{t('pricing.card.notFound')}</span>}
        extra={<Button type="primary" onClick={() => navigate('/pricing')}>{t('pricing.card.toList')}</Button>} />
    );
  }
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Actions card={query.data?.card ?? null} dirty={dirty} />
      <RateCardGrid cardId={id} editable onDirtyChange={setDirty} />
    </Space>
  );
}

function Actions({ card, dirty }: { card: RateCard | null; dirty: boolean }) {
  const { t, errorText } = useI18n();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [activating, setActivating] = useState(false);
  if (!card) return null;
  const write = can('rate_cards.write');
  const held = (node: React.ReactElement) => (dirty ? <Tooltip title={t('pricing.card.saveFirst')}>{node}</Tooltip> : node);

  const newDraft = async () => {
    try {
      const draft = await createDraftFrom(card, t('pricing.card.draftName', { name: card.name }));
      message.success(t('pricing.card.draftCreated'));
      navigate(`/pricing/cards/${draft.id}`);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const end = () => modal.confirm({
    title: t('pricing.card.endTitle'),
    content: t('pricing.card.endBody'),
    okText: t('pricing.card.end'),
    okButtonProps: { danger: true, 'data-testid': 'end-confirm' },
    onOk: async () => {
      try {
        cardChanged(queryClient, await endCard(card.id));
        message.success(t('pricing.card.ended'));
      } catch (e) {
        message.error(errorText(e));
      }
    },
  });

  return (
    <Space wrap data-testid="card-actions">
      <Button onClick={() => navigate(`/pricing?tab=${card.kind === 'agreement' ? 'agreements' : 'published'}`)}>{t('pricing.card.toList')}</Button>
      {write && card.status === 'draft' && held(
        <Button type="primary" disabled={dirty} onClick={() => setActivating(true)} data-testid="card-activate">{t('pricing.card.activate')}</Button>,
      )}
      {write && card.status === 'active' && (
        <Button onClick={() => void newDraft()} data-testid="card-new-draft">{t('pricing.card.newDraft')}</Button>
      )}
      {write && card.status === 'active' && card.kind === 'agreement' && (
        <Button danger onClick={end} data-testid="card-end">{t('pricing.card.end')}</Button>
      )}
      {activating && <ActivateDialog card={card} onClose={() => setActivating(false)} />}
    </Space>
  );
}

function ActivateDialog({ card, onClose }: { card: RateCard; onClose: () => void }) {
  const { t, fieldMessage, errorText } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ valid_from?: dayjs.Dayjs | null; valid_to?: dayjs.Dayjs | null }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const agreement = card.kind === 'agreement';

  const submit = async () => {
    const v = form.getFieldsValue();
    setBusy(true);
    setError(null);
    try {
      const active = await activateCard(card.id, v.valid_from?.format('YYYY-MM-DD'), v.valid_to?.format('YYYY-MM-DD'));
      cardChanged(queryClient, active);
      message.success(t('pricing.card.activated'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.fields.some((f) => f.field === 'valid_from' || f.field === 'valid_to')) {
        form.setFields(e.fields.filter((f) => f.field === 'valid_from' || f.field === 'valid_to')
          .map((f) => ({ name: f.field as 'valid_from' | 'valid_to', errors: [fieldMessage(f)] })));
      } else {
        setError(errorText(e));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('pricing.card.activateTitle')} onCancel={onClose} destroyOnHidden
      okText={t('pricing.card.activate')} onOk={() => void submit()} confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'activate-confirm' }}>
      <p>{t(agreement ? 'pricing.card.activateAgreement' : 'pricing.card.activatePublished')}</p>
      <Form form={form} layout="vertical" name="activate" initialValues={{ valid_from: agreement ? dayjs(companyToday()) : null }}>
        <Form.Item label={t('pricing.card.validFrom')} name="valid_from" required={agreement}
          extra={agreement ? undefined : t('pricing.card.validFromToday')}>
          <DatePicker style={{ width: '100%' }} data-testid="activate-from" />
        </Form.Item>
        <Form.Item label={t('pricing.card.validTo')} name="valid_to" extra={t('pricing.card.validToOpen')}>
          <DatePicker style={{ width: '100%' }} data-testid="activate-to" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" message={error} data-testid="activate-error" />}
    </Modal>
  );
}
