// Pieces the notification screens share: a message's status as a tag, the words of topics, channels and
// languages, and the "customer told" tag of an exception (the exception queue, the order page, the portal).
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import type { Channel, Language, MessageStatus, Topic } from './api';

const STATUS_COLOURS: Record<MessageStatus, string> = { queued: 'blue', sent: 'green', failed: 'gold', dead: 'red' };

export function MessageStatusTag({ status }: { status: MessageStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOURS[status]} data-testid="message-status" data-status={status}>{t(`notify.status.${status}` as MessageKey)}</Tag>;
}

export function useNotifyWords() {
  const { t } = useI18n();
  return {
    topic: (x: Topic) => t(`notify.topic.${x}` as MessageKey),
    channel: (x: Channel) => t(`notify.channel.${x}` as MessageKey),
    language: (x: Language) => t(`notify.language.${x}` as MessageKey),
  };
}

// 已告知客户: sent ✓ with its time, queued, failed (will be retried), dead (given up), or — when the
// account does not hear of exceptions.
export function ToldTag({ told, at }: { told: MessageStatus | null; at: string | null }) {
  const { t, dateTime } = useI18n();
  if (!told) {
    return (
      <Tooltip title={t('told.noneHint')}>
        <span data-testid="customer-told" data-told="none" aria-label={t('told.noneHint')}>{t('told.none')}</span>
      </Tooltip>
    );
  }
  return (
    <span data-testid="customer-told" data-told={told}>
      <Tag color={STATUS_COLOURS[told]}>{told === 'sent' ? `✓ ${t('told.sent')}` : t(`told.${told}` as MessageKey)}</Tag>
      {told === 'sent' && at && <span className="told-at">{dateTime(at)}</span>}
    </span>
  );
}
