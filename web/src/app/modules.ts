// What a module of the console declares (each module's index.tsx exports one): its routes, its menu
// entries and the permission each needs. The frame builds the navigation and the routes from these,
// filtered by the permissions GET /api/v1/auth/me returns; a route whose permission the user lacks
// shows the no-access page, also when its URL is typed in.
import type { ReactNode } from 'react';
import type { MessageKey } from './i18n/zh';

export interface ModuleRoute {
  path: string;             // react-router path, e.g. /customers/:id
  element: ReactNode;
  permission?: string;      // needed to use the page; none = every signed-in user of the audience
  title: MessageKey;        // the breadcrumb's last step
}

export interface MenuEntry {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  permission?: string;
  testId: string;           // data-testid of the entry (nav-customers, …)
}

// One line of the notifications area in the header (the bell): what needs the user's attention.
export interface NotificationEntry {
  key: string;
  text: string;             // in the user's language
  count: number;
  path: string;             // where a click goes
  testId: string;
}

export interface ConsoleModule {
  name: string;
  audience: 'staff' | 'portal';   // the portal role gets its own, smaller console
  routes: ModuleRoute[];
  menu: MenuEntry[];
  // A hook answering the module's notifications for the signed-in user (none: an empty list). Called
  // for every module on every render of the header, in a fixed order, so it may use other hooks.
  useNotifications?: () => NotificationEntry[];
}

// The permission check of one route or menu entry.
export function allowed(permission: string | undefined, permissions: readonly string[]): boolean {
  return !permission || permissions.includes(permission);
}
