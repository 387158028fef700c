// A page's own title: a record page names its record ("深圳市顺达电子有限公司") instead of the route's
// generic title ("客户详情"); the frame shows it as the h1, the breadcrumb's last step and the
// document's title. Also remembers the query each list was left with, so the breadcrumb's way back to
// a list (客户 › …) returns to the list as the user left it (its filters, search and page live in its URL).
import { createContext, useContext, useEffect, useState } from 'react';

type SetTitle = (title: string | null) => void;
export const PageTitleContext = createContext<SetTitle>(() => {});

// Called by a page with its title (null while it is not known yet: the route's title stands).
export function usePageTitle(title: string | null) {
  const set = useContext(PageTitleContext);
  useEffect(() => {
    set(title);
    return () => set(null);
  }, [title, set]);
}

// The frame's side: the current page's own title, if it gave one.
export function usePageTitleState() {
  return useState<string | null>(null);
}

const SEARCH_KEY = 'consign.listSearch.';

// Remembers the search of the path being shown (e.g. /customers?q=顺达&page=3), per tab.
export function rememberSearch(pathname: string, search: string) {
  try {
    sessionStorage.setItem(SEARCH_KEY + pathname, search);
  } catch {
    /* private mode: the way back loses the query */
  }
}

// The last search shown at `pathname` in this tab ('' when none).
export function lastSearch(pathname: string): string {
  try {
    return sessionStorage.getItem(SEARCH_KEY + pathname) ?? '';
  } catch {
    return '';
  }
}

// Whether the screen is a phone's (below 768 px, as the frame's CSS), following resizes.
export function useIsPhone() {
  const query = '(max-width: 767px)';
  const [phone, setPhone] = useState(() => typeof window !== 'undefined' && window.matchMedia(query).matches);
  useEffect(() => {
    const media = window.matchMedia(query);
    const onChange = () => setPhone(media.matches);
    media.addEventListener('change', onChange);
    onChange();
    return () => media.removeEventListener('change', onChange);
  }, []);
  return phone;
}
