// The console's language: Chinese by default, English by a switch, remembered in localStorage.
// Also turns API problems into words: the `reason` words of docs/api-contract.md are translated
// here; the server's own (English) message is the fallback.
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, type FieldProblem } from '../api';
import { en } from './en';
import { zh, type MessageKey } from './zh';

export type Lang = 'zh' | 'en';
const STORAGE_KEY = 'consign.lang';

// The stored choice; with none, an English browser (navigator.language en*) starts in English and
// every other in Chinese.
function storedLang(): Lang {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    /* private mode */
  }
  if (stored === 'en' || stored === 'zh') return stored;
  return typeof navigator !== 'undefined' && /^en\b/i.test(navigator.language ?? '') ? 'en' : 'zh';
}

// The time zone dates are shown in (DESIGN.md: Asia/Shanghai unless an account says otherwise).
export const COMPANY_TIME_ZONE = 'Asia/Shanghai';
// Today in that zone as YYYY-MM-DD (file names of exports).
export const companyToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: COMPANY_TIME_ZONE }).format(new Date());

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  // Whether a key exists (for keys built at run time: `flag.${name}`, `action.${verb}`).
  has: (key: string) => key is MessageKey;
  // The label of an API enum value ("industry", "electronics" → 电子); the value itself when unknown.
  label: (group: string, value: string | null | undefined) => string;
  // One field problem in words: its reason translated, in either language.
  fieldMessage: (problem: FieldProblem) => string;
  // Any error (ApiError or other) as one line, for an alert that shows the request id itself.
  errorTitle: (error: unknown) => string;
  // The same, with the request id where IT would need it (5xx, 403, 409): for toasts and lines.
  errorText: (error: unknown) => string;
  // An instant ("2026-12-01T02:45:21Z") as date and time, or as a date, in the chosen language.
  dateTime: (value: string | null | undefined) => string;
  date: (value: string | null | undefined) => string;
  // A number with the chosen language's grouping.
  number: (value: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: the choice lasts this page only */
    }
    setLangState(next);
  }, []);
  // A layout effect: it runs before the frame's, which names the page in the title.
  useLayoutEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = (lang === 'zh' ? zh : en)['app.name'];
  }, [lang]);
  const value = useMemo<I18n>(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');  // date pickers, before they render
    const messages = lang === 'zh' ? zh : en;
    const has = (key: string): key is MessageKey => key in messages;
    const t = (key: MessageKey, vars?: Record<string, string | number>) => {
      let text: string = messages[key] ?? key;
      for (const [k, v] of Object.entries(vars ?? {})) text = text.split(`{${k}}`).join(String(v));
      return text;
    };
    const label = (group: string, value: string | null | undefined) => {
      if (value === null || value === undefined || value === '') return '';
      const key = `enum.${group}.${value}`;
      return has(key) ? messages[key] : value;
    };
    const reasonText = (reason: string | undefined) => {
      const key = `reason.${reason ?? ''}`;
      return reason && has(key) ? messages[key] : null;
    };
    // The reason's words in the chosen language; the server's (English) message only for a reason not known here.
    const fieldMessage = (p: FieldProblem) => reasonText(p.reason) || p.message || p.reason;
    const errorTitle = (error: unknown) => {
      if (!(error instanceof ApiError)) return t('common.error');
      if (error.status === 0) return t('error.network');
      const statusKey = `error.http.${error.status}`;
      let text: string;
      if (lang === 'en' && error.title) text = error.title.replace(/\.$/, '');
      else text = reasonText(error.reason) ?? (has(statusKey) ? messages[statusKey] : error.title || t('common.error'));
      if (error.retryAfter) {
        const wait = t('error.retryAfter', { n: error.retryAfter });
        text += lang === 'en' ? ` (${wait})` : `（${wait}）`;
      }
      return text;
    };
    // The same with the request id to quote to IT, for a toast or a line that has no room for
    // ErrorAlert's copyable id: where the server failed or refused unexpectedly (5xx, 403, 409).
    const errorText = (error: unknown) => {
      const text = errorTitle(error);
      if (!(error instanceof ApiError) || !error.requestId) return text;
      if (error.status < 500 && error.status !== 403 && error.status !== 409) return text;
      const id = `${t('error.requestId')}: ${error.requestId}`;
      return lang === 'en' ? `${text} (${id})` : `${text}（${id}）`;
    };
    const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
    // The company's time zone, whatever the browser's (a month, a day and "new this month" are
    // Asia/Shanghai's on the server too).
    const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: COMPANY_TIME_ZONE });
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: COMPANY_TIME_ZONE });
    const numberFormat = new Intl.NumberFormat(locale);
    const instant = (format: Intl.DateTimeFormat) => (value: string | null | undefined) => {
      if (!value) return '';
      const d = new Date(value);
      return Number.isNaN(d.getTime()) ? value : format.format(d);
    };
    return { lang, setLang, t, has, label, fieldMessage, errorTitle, errorText, dateTime: instant(dateTimeFormat), date: instant(dateFormat),
      number: (value: number) => numberFormat.format(value) };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
