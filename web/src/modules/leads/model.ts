// The shapes of the sales module's lead API (src/modules/sales/sales_json.cpp, docs/openapi.yaml) and
// its enum wire values, each checked at compile time against the document (app/schema.ts): a value or
// a member the document renames or drops breaks the build here.
import { sameValues, type Schemas } from '../../app/schema';

export const LEAD_SOURCES = sameValues<Schemas['LeadSource']>()(['door_to_door', 'referral', 'halo', 'direct_mail',
  'telemarketing', 'snowball', 'desk_research', 'consulting']);
export const LEAD_STATUSES = sameValues<NonNullable<Schemas['Lead']['status']>>()(['open', 'qualified', 'disqualified', 'converted']);
// Seed 004's three conditions, in the order the page shows them.
export const CONDITIONS = ['not_yet_customer', 'has_need', 'good_credit'] as const;
// Seed 001's five criteria (CriteriaValues), in the order of the server's kCriteria.
export const CRITERIA = ['service_fit', 'volume', 'market_potential', 'financial_state', 'scale'] as const;
export type Condition = typeof CONDITIONS[number];
export type Criterion = typeof CRITERIA[number];
export type LeadStatus = typeof LEAD_STATUSES[number];

export type Criteria = Record<Criterion, number>;

export interface Money { amount_minor: number; currency?: string }

export interface LeadContact { name: string; title?: string; phone?: string; email?: string }

export interface Competitor { name: string; strengths: string; weaknesses: string; value_added_services: string }

export interface ConditionCheck { met: boolean; checked_by: number; checked_at: string; evidence: string }

export interface Review {
  decision: 'qualified' | 'disqualified';
  reviewed_by: number | null;
  reviewed_at: string | null;
  reason: string;
}

// Another lead or an account that looks like the same company. An account's name is never sent:
// the caller may not be allowed to see it.
export interface Duplicate { kind: 'lead' | 'account'; id: number; name?: string; match: string; link: string }

export interface Lead {
  id: number;
  source: string;
  source_label: { zh: string; en: string };
  company: string;
  credit_code: string;
  industry: string;
  region_code: string;
  contacts: LeadContact[];
  stated_needs: string;
  underlying_needs: string;
  monthly_volume: number | null;
  monthly_spend: Money | null;
  competitor: Competitor;
  owner_id: number | null;
  team_id: number | null;
  status: LeadStatus;
  qualification: { checks: Record<Condition, ConditionCheck | null>; review: Review | null };
  evaluation: { ratings: Criteria; score: number } | null;
  duplicate: boolean;
  duplicates: Duplicate[];
  account_id: number | null;
  opportunity_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface LeadPage { items: Lead[]; next_cursor: string | null }

export interface Conversion {
  lead: Lead;
  account_id: number;
  account: { id: number; code: string; name: string };
  opportunity: { id: number; name: string };
}

// Every member of the shapes above is a member of the document's schema of the same answer.
type MembersOf<Shape, Schema> = Exclude<keyof Shape, keyof NonNullable<Schema>> extends never ? true
  : { missing_from_the_document: Exclude<keyof Shape, keyof NonNullable<Schema>> };
type LeadSchema = Schemas['LeadInput'] & Schemas['Lead'];
const documented: [
  MembersOf<Lead, LeadSchema>,
  MembersOf<LeadContact, Schemas['LeadContact']>,
  MembersOf<Competitor, NonNullable<Schemas['LeadInput']['competitor']>>,
  MembersOf<Criteria, Schemas['CriteriaValues']>,
  MembersOf<Money, Schemas['Money']>,
] = [true, true, true, true, true];
void documented;
