// The activities module's wire shapes (src/modules/activities/activities_http.cpp). The document's schemas
// leave every member optional, so the shapes the server always sends are spelled out here; the enums are
// checked at compile time against the document's (app/schema.ts).
import { sameValues, type Schemas } from '../../app/schema';

export const ACTIVITY_KINDS = sameValues<Schemas['ActivityKind']>()(['call', 'visit', 'meeting', 'email', 'note']);
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export type NextStepState = NonNullable<Schemas['Activity']['next_step_state']>;

export interface Activity {
  id: number;
  subject: { kind: string; id: number; label: string };
  kind: ActivityKind;
  occurred_at: string;
  outcome: string;
  note: string;
  owner: { id: number; login: string; name: string };
  next_step: string | null;
  next_step_due_at: string | null;
  next_step_done_at: string | null;
  next_step_done_by: number | null;
  next_step_state: NextStepState;
  created_at: string;
}

export interface Page<T> { items: T[]; next_cursor: string | null }

export interface MyDay {
  date: string;            // YYYY-MM-DD in the company's time zone
  time_zone: string;
  day_start: string;
  day_end: string;
  overdue: Activity[];
  due_today: Activity[];
}

export interface Referral {
  id: number;
  referred: { id: number; label: string | null };   // label null: an account the caller may not see
  referrer: { id: number; label: string | null };
  reward_note: string;
  reward_points: number | null;
  created_at: string;
}

// "account:12" → {kind: account, id: 12}; null for anything else.
export function parseSubject(subject: string): { kind: string; id: number } | null {
  const m = /^([a-z_]{1,32}):([1-9]\d*)$/.exec(subject);
  return m ? { kind: m[1], id: Number(m[2]) } : null;
}

// Where a subject's page is in the console (the sales module's leads and opportunities, the customers
// module's accounts); null for a kind with no page.
export function subjectPath(subject: { kind: string; id: number }): string | null {
  switch (subject.kind) {
    case 'account': return `/customers/${subject.id}`;
    case 'lead': return `/leads/${subject.id}`;
    case 'opportunity': return `/opportunities/${subject.id}`;
    default: return null;
  }
}
