// Drafts of unsaved forms, kept in this tab's sessionStorage when a Save meets an ended session
// (consign.draft.<module>.<record>, each with the id of the user who typed it). They hold personal
// data as typed, so they go when the user signs out, and another user signing in never finds them.
const PREFIX = 'consign.draft.';

export function draftKey(module: string, record: string | undefined): string {
  return `${PREFIX}${module}.${record ?? 'new'}`;
}

// Removes every draft, or only those not typed by `keepUser`.
export function dropDrafts(keepUser?: number) {
  try {
    const keys: string[] = [];
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) {
      let user: unknown;
      try {
        user = (JSON.parse(sessionStorage.getItem(key) ?? 'null') as { user?: unknown } | null)?.user;
      } catch {
        user = undefined;
      }
      if (keepUser === undefined || user !== keepUser) sessionStorage.removeItem(key);
    }
  } catch {
    /* storage off: nothing kept, nothing to drop */
  }
}
