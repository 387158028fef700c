// The console's language: Chinese by default, English by a switch, remembered in localStorage.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { zh, type MessageKey } from './zh';

export type Lang = 'zh' | 'en';
const STORAGE_KEY = 'consign.lang';

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  // The label of an API enum value ("industry", "electronics" → 电子); the value itself when unknown.
  label: (group: string, value: string | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh'));
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const messages = lang === 'zh' ? zh : en;
    const t = (key: MessageKey, vars?: Record<string, string | number>) => {
      let text = messages[key] ?? key;
      for (const [k, v] of Object.entries(vars ?? {})) text = text.replace(`{${k}}`, String(v));
      return text;
    };
    const label = (group: string, value: string | null | undefined) => {
      if (value === null || value === undefined || value === '') return '';
      const key = `enum.${group}.${value}` as MessageKey;
      return key in messages ? messages[key] : value;
    };
    return { lang, setLang, t, label };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
