// Enum wire values (src/modules/customers/customer.hpp), each checked at compile time against the
// document's enum (app/schema.ts), and the API shapes the document does not yet spell out field by field
// (its response schemas leave every member optional). User comes from the document itself.
import { sameValues, type Schemas } from '../../app/schema';

type Cls = Required<Schemas['Classification']>;
export const KINDS = sameValues<Schemas['Kind']>()(['individual', 'organization']);
export const INDUSTRIES = sameValues<Schemas['Industry']>()(['pharma', 'it_telecom', 'electronics', 'apparel',
  'advertising', 'ecommerce', 'manufacturing', 'retail', 'food', 'other']);
export const CLASSIFICATIONS: Record<ClassificationKey, readonly string[]> = {
  relationship_type: sameValues<Cls['relationship_type']>()(['transactional', 'contractual', 'alliance']),
  relationship_depth: sameValues<Cls['relationship_depth']>()(['short_term', 'long_term', 'strategic']),
  maturity: sameValues<Cls['maturity']>()(['potential', 'actual']),
  marketing_type: sameValues<Cls['marketing_type']>()(['economy', 'ethical', 'personalized', 'convenience']),
  value_class: sameValues<Cls['value_class']>()(['A', 'B', 'C']),
  tier: sameValues<Cls['tier']>()(['high_end', 'mid', 'mass']),
  market: sameValues<Cls['market']>()(['leather', 'fragile', 'electronics', 'industrial', 'cbd', 'general']),
  lifecycle_stage: sameValues<Cls['lifecycle_stage']>()(['potential', 'growth', 'mature', 'decline', 'terminated']),
  development_stage: sameValues<Cls['development_stage']>()(['potential', 'new', 'satisfied', 'loyal']),
};
export type ClassificationKey = 'relationship_type' | 'relationship_depth' | 'maturity' | 'marketing_type' |
  'value_class' | 'tier' | 'market' | 'lifecycle_stage' | 'development_stage';
export const CLASSIFICATION_KEYS = Object.keys(CLASSIFICATIONS) as ClassificationKey[];
export const CONTACT_ROLES = sameValues<NonNullable<Schemas['Contact']['role']>>()(['decision_maker', 'assistant', 'operations', 'finance', 'other']);
export const ADDRESS_KINDS = sameValues<NonNullable<Schemas['Address']['kind']>>()(['pickup', 'billing', 'delivery']);
export const CHANNELS = sameValues<NonNullable<Schemas['Preferences']['preferred_channel']>>()(['phone', 'email', 'sms', 'wechat', 'portal']);
export const STATUSES = ['active', 'archived', 'all'] as const;
export const SORTS = ['-updated_at', 'updated_at', 'name', '-name', 'code', '-code', '-created_at', 'created_at'] as const;

export type User = Schemas['User'];

export interface Owner { id: number; login: string; name: string }

export interface Contact {
  id?: number;
  name: string;
  role: string;
  title?: string;
  phone?: string;
  email?: string;
  is_primary?: boolean;
}

export interface Address {
  id?: number;
  kind: string;
  province?: string;
  city?: string;
  district?: string;
  street?: string;
  postal_code?: string;
  is_default?: boolean;
}

export interface Preferences {
  pickup_window: string;
  packaging: string;
  handling: string;
  preferred_channel: string | null;
  preferred_contact_id: number | null;
  birthday: string | null;
  anniversary: string | null;
  usual: string;
}

// What a list row and the full record share (customer_json.cpp HeadJson).
interface CustomerHead {
  id: number;
  code: string;
  credit_code: string;  // 统一社会信用代码, or ''
  name: string;
  kind: string;
  industry: string;
  classification: Record<ClassificationKey, string | null>;
  owner: Owner | null;
  team_id: number | null;
  tags: string[];
  status: string;
  masked: boolean;
  version: number;
  updated_at: string;
}

// The account's brand on the public tracking page (GET /customers/{id} only; PATCH …/brand answers it).
export interface Brand {
  primary_color: string | null;  // '#1f5fbf'
  logo_url: string | null;
  logo_type: 'image/png' | 'image/jpeg' | null;
  logo_bytes: number | null;
  updated_at: string;
}

export interface Customer extends CustomerHead {
  brand?: Brand | null;
  preferences: Preferences;
  requirements: { template: string | null; notes: string; flags: Record<string, boolean> };
  contacts: Contact[];
  addresses: Address[];
  created_at: string;
}

export interface CustomerSummary extends CustomerHead {
  city: string;
  province: string;
  primary_contact: { name: string; phone: string } | null;
}

// A portal user's own account (customer_json.hpp ToCustomerFacingJson): no classification, owner,
// team, tags, notes, status or version — the company's internal work is not in it at all.
export interface CustomerFacing {
  id: number;
  code: string;
  name: string;
  kind: string;
  industry: string;
  contacts: Contact[];
  addresses: Address[];
  preferences: Preferences;
  requirements: { flags: Record<string, boolean> };
  masked: boolean;
  created_at: string;
}

export interface Page<T> { items: T[]; next_cursor: string | null }

// before/after: the whole record, or null (a create has no before; roles without pii.view get neither).
export interface HistoryEntry { id: number; at: string; actor: string; action: string; before: unknown; after: unknown }

export interface SavedView { id: number; resource: string; name: string; query: Record<string, string | number | null> }

export interface ImportReport {
  mode: string;
  encoding: string;
  dry_run: boolean;
  total_rows: number;
  valid: number;
  imported: number;
  failed: number;
  committed: boolean;
  errors: { line: number; field: string; reason: string; message: string }[];
}

// Every member of the shapes above is a member of the document's schema of the same answer, checked at
// compile time: a field the server renames or drops in docs/openapi.yaml breaks the build here, even
// though the document does not mark its members required (so the shapes stay written out above).
type MembersOf<Shape, Schema> = Exclude<keyof Shape, keyof NonNullable<Schema>> extends never ? true
  : { missing_from_the_document: Exclude<keyof Shape, keyof NonNullable<Schema>> };
type CustomerSchema = Schemas['CustomerInput'] & Schemas['Customer'];
const documented: [
  MembersOf<Customer, CustomerSchema>,
  MembersOf<CustomerSummary, Schemas['CustomerSummary']>,
  MembersOf<CustomerFacing, Schemas['CustomerFacing']>,
  MembersOf<Contact, Schemas['Contact']>,
  MembersOf<Address, Schemas['Address']>,
  MembersOf<Preferences, Schemas['Preferences']>,
  MembersOf<ImportReport, Schemas['ImportReport']>,
  MembersOf<SavedView, Schemas['SavedView']>,
] = [true, true, true, true, true, true, true, true];
void documented;
