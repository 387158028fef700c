// The notify module's calls (src/modules/notify/notify_http.cpp; docs/openapi.yaml): an account's
// notification settings (ETag/If-Match; the webhook secret answered once), the templates with their
// placeholders and previews, the delivery log and one message with its attempts, a retry; and the
// account's own exceptions (GET /api/v1/customer-exceptions, the tracking module's). The shapes are
// spelled out here: the document's response schemas leave every member optional.
import { useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, apiWithVersion, ifMatch, queryString } from '../../app/api';
import type { TrackingException } from '../tracking/api';

export const TOPICS = ['picked_up', 'out_for_delivery', 'delivered', 'failed_attempt', 'exception'] as const;
export type Topic = (typeof TOPICS)[number];
export const CHANNELS = ['email', 'webhook', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];
export const TEMPLATE_CHANNELS = ['email', 'sms'] as const;   // webhooks carry JSON: no template
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];
export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const MESSAGE_STATUSES = ['queued', 'sent', 'failed', 'dead'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const SMS_MAX = 300;

export interface NotificationSettings {
  account_id: number;
  language: Language;
  email: string;              // masked
  webhook_url: string;
  has_webhook_secret: boolean;
  sms_phone: string;          // masked
  email_topics: Topic[];
  webhook_topics: Topic[];
  sms_topics: Topic[];
  revision: number;
  webhook_secret?: string;    // only in the answer that made it
}

export type SettingsBody = Pick<NotificationSettings, 'language' | 'email' | 'webhook_url' | 'sms_phone' | 'email_topics' | 'webhook_topics' | 'sms_topics'> & { rotate_secret?: boolean };

export interface Template {
  topic: Topic;
  channel: TemplateChannel;
  language: Language;
  subject: string;
  body: string;
  is_default: boolean;
  preview_subject: string;
  preview_body: string;
}
export interface Placeholder { name: string; zh: string; en: string }

export interface Message {
  id: number;
  account_id: number;
  topic: Topic;
  ref: string;
  order_id: number | null;
  channel: Channel;
  destination: string;        // masked
  language: Language;
  subject: string;
  status: MessageStatus;
  attempts: number;
  created_at: string;
  sent_at: string | null;
  last_error: string;
}
export interface Attempt { attempt: number; at: string; ok: boolean; detail: string; millis: number }
export interface MessageDetail extends Message { body: string; attempt_log: Attempt[] }

const settingsPath = (accountId: number | string) => `/api/v1/customers/${encodeURIComponent(String(accountId))}/notification-settings`;
export const settingsKey = (accountId: number | string) => ['notification-settings', String(accountId)];

export function useNotificationSettings(accountId: number | string | null | undefined) {
  return useQuery({
    queryKey: settingsKey(accountId ?? ''),
    queryFn: async () => {
      const { body, version } = await apiWithVersion<NotificationSettings>('GET', settingsPath(accountId ?? ''));
      return { settings: body, version: version ?? body.revision };
    },
    enabled: accountId !== null && accountId !== undefined && accountId !== '',
    staleTime: 0,
  });
}

// Saves with If-Match of the revision read; 412 when someone else saved. An account never saved has
// revision 0 (its ETag "0"), which If-Match cannot carry (the server reads only positive versions): the
// first save goes without, and the server takes that as "expecting none saved" — still a 412 if one was.
export async function saveNotificationSettings(accountId: number, body: SettingsBody, version: number) {
  const headers = version > 0 ? ifMatch(version) : undefined;
  const { body: saved, version: next } = await apiWithVersion<NotificationSettings>('PUT', settingsPath(accountId), { body, headers });
  return { settings: saved, version: next ?? saved.revision };
}

export function useTemplates(enabled = true) {
  return useQuery({
    queryKey: ['notification-templates'],
    queryFn: () => api<{ items: Template[]; placeholders: Placeholder[] }>('GET', '/api/v1/notification-templates'),
    enabled,
    staleTime: 0,
  });
}

const templatePath = (t: Pick<Template, 'topic' | 'channel' | 'language'>) => `/api/v1/notification-templates/${t.topic}/${t.channel}/${t.language}`;

export function saveTemplate(t: Pick<Template, 'topic' | 'channel' | 'language'>, text: { subject?: string; body: string }): Promise<Template> {
  return api<Template>('PUT', templatePath(t), { body: t.channel === 'email' ? text : { body: text.body } });
}

export function resetTemplate(t: Pick<Template, 'topic' | 'channel' | 'language'>): Promise<Template> {
  return api<Template>('DELETE', templatePath(t));
}

// The sample values the server's preview uses (notify_service.cpp Preview), for the editor's live
// preview while typing: the same {{name}} rule, an unknown name rendered as nothing.
const SAMPLE: Record<Language, Record<string, string>> = {
  zh: { waybill: 'SF1000000018', status: '已签收', place: '深圳市南山区', time: '2026-12-03 18:40', eta: '2026-12-04 18:00', exception: '停滞：24 小时无扫描', track_url: 'https://consign.example.com/track/1000000018' },
  en: { waybill: 'SF1000000018', status: 'Delivered', place: 'Nanshan, Shenzhen', time: '2026-12-03 18:40', eta: '2026-12-04 18:00', exception: 'stalled: no scan for 24 hours', track_url: 'https://consign.example.com/track/1000000018' },
};
export function renderSample(text: string, language: Language): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf('{{'); at !== -1; at = text.indexOf('{{', from)) {
    const end = text.indexOf('}}', at + 2);
    if (end === -1) break;
    out += text.slice(from, at) + (SAMPLE[language][text.slice(at + 2, end)] ?? '');
    from = end + 2;
  }
  return out + text.slice(from);
}

export type LogFilters = Partial<Record<'status' | 'channel' | 'topic' | 'account_id' | 'order_id', string>>;

interface LogPage { items: Message[]; next_cursor: string | null }

export function useDeliveryLog(filters: LogFilters, { limit = 50, enabled = true }: { limit?: number; enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: ['notifications', filters, limit],
    queryFn: ({ pageParam }) => api<LogPage>('GET', '/api/v1/notifications' + queryString({ ...filters, limit, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled,
    staleTime: 0,
  });
}

export function useMessage(id: number | null) {
  return useQuery({
    queryKey: ['notification', id],
    queryFn: () => api<MessageDetail>('GET', `/api/v1/notifications/${id}`),
    enabled: id !== null,
    staleTime: 0,
  });
}

export function retryMessage(id: number): Promise<Message> {
  return api<Message>('POST', `/api/v1/notifications/${id}/retry`);
}

export function notificationsChanged(client: QueryClient) {
  void client.invalidateQueries({ queryKey: ['notifications'] });
  void client.invalidateQueries({ queryKey: ['notification'] });
  void client.invalidateQueries({ queryKey: ['exceptions'] });
}

// The portal's exceptions: the customer's own (the server ignores account_id for a portal user).
export type AccountException = Omit<TrackingException, 'carrier_id' | 'outcome'>;
interface ExceptionPage { items: AccountException[]; next_cursor: string | null }

export function useAccountExceptions(filters: { state?: string; account_id?: string }) {
  return useInfiniteQuery({
    queryKey: ['customer-exceptions', filters],
    queryFn: ({ pageParam }) => api<ExceptionPage>('GET', '/api/v1/customer-exceptions' + queryString({ ...filters, limit: 100, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    staleTime: 0,
  });
}

// A waybill ("CS" + 12 digits + a check digit, whose 12 digits are the order's id) or an order id, as
// the order_id filter: null when it is neither.
export function orderIdOf(text: string): string | null {
  const s = text.trim().toUpperCase();
  const waybill = s.match(/^CS(\d{12})\d$/);
  if (waybill) return String(Number(waybill[1]));
  return /^[1-9]\d{0,14}$/.test(s) ? s : null;
}
