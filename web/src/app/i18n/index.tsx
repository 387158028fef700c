// The console's language: Chinese by default, English by a switch, remembered in localStorage.
// Also turns API problems into words: the `reason` words of docs/api-contract.md are translated
// here; the server's own (English) message is the fallback.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, type FieldProblem } from '../api';
import { en } from './en';
import { zh, type MessageKey } from './zh';

export type Lang = 'zh' | 'en';
const STORAGE_KEY = 'consign.lang';

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  // Whether a key exists (for keys built at run time: `flag.${name}`, `action.${verb}`).
  has: (key: string) => key is MessageKey;
  // The label of an API enum value ("industry", "electronics" → 电子); the value itself when unknown.
  label: (group: string, value: string | null | undefined) => string;
  // One field problem in words: the translated reason in Chinese, the server's message in English.
  fieldMessage: (problem: FieldProblem) => string;
  // Any error (ApiError or other) as one line for a message or an alert.
  errorText: (error: unknown) => string;
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
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = (lang === 'zh' ? zh : en)['app.name'];
  }, [lang]);
  const value = useMemo<I18n>(() => {
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
    const fieldMessage = (p: FieldProblem) =>
      lang === 'en' ? p.message || reasonText(p.reason) || p.reason : reasonText(p.reason) || p.message || p.reason;
    const errorText = (error: unknown) => {
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
    return { lang, setLang, t, has, label, fieldMessage, errorText };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
