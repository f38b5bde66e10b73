/**
 * The app in the person's language: their choice in the header's selector, else their
 * language in the people directory when the API says it (`GET /me`), else the browser's,
 * else English. Dates read in California's time, as the deadlines are. The catalogues are data (messages/<code>.json); a language that lacks a
 * message shows the English one. The page's `lang` follows, for screen readers and
 * hyphenation.
 */
import { useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { useSession } from '../session';
import {
  browserLanguage,
  DEFAULT_LANGUAGE,
  setCurrentLanguage,
  storedChoice,
  subscribeChoice,
  supported,
} from './locale';

type Catalogue = Record<string, string>;
const files = import.meta.glob<Catalogue>('./messages/*.json', { eager: true, import: 'default' });
const catalogues: Record<string, Catalogue> = Object.fromEntries(
  Object.entries(files).map(([file, messages]) => [file.replace(/^.*\/(\w+)\.json$/, '$1'), messages]),
);

export function I18nProvider({ children }: { children: ReactNode }) {
  const choice = useSyncExternalStore(subscribeChoice, storedChoice);
  const session = useSession();
  // The directory's language for this person, once per sign-in, when the API gives it.
  const preference = useQuery({
    queryKey: ['me', 'language', session?.token],
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/me');
      return supported((data as { language?: unknown } | undefined)?.language) ?? null;
    },
    enabled: !!session && !choice,
    staleTime: Infinity,
  });
  const locale = choice ?? preference.data ?? browserLanguage() ?? DEFAULT_LANGUAGE;
  setCurrentLanguage(locale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const messages = useMemo(() => ({ ...catalogues[DEFAULT_LANGUAGE], ...catalogues[locale] }), [locale]);
  return (
    <IntlProvider locale={locale} defaultLocale={DEFAULT_LANGUAGE} messages={messages} timeZone="America/Los_Angeles">
      {children}
    </IntlProvider>
  );
}
