// The contracts API's shapes (src/modules/contracts: contract.hpp, contracts_http.cpp) and the enum
// wire values, each list checked at compile time against the document's enum (app/schema.ts). The
// document's response schemas leave every member optional; these say what the server always sends.
import { sameValues, type Schemas } from '../../app/schema';

export type ContractState = Schemas['ContractState'];
export const STATES = sameValues<ContractState>()(['draft', 'in_approval', 'approved', 'active', 'expiring', 'renewed', 'ended']);

type Terms_ = Required<Schemas['ContractTerms']>;
export type ServiceCode = Terms_['services'][number];
export type Zone = Terms_['transit_promises'][number]['zone'];
export type BillingCycle = Terms_['billing_cycle'];
export type Vehicle = Terms_['vehicle'];
export type PickupFrequency = Terms_['pickup_frequency'];
export type Tier = 'basic' | 'value_added' | 'advanced';
export type Approver = 'manager' | 'finance';

// The service catalogue of contract.hpp (kCatalogue), in its order, with its tiers.
export const SERVICES_BY_TIER: Record<Tier, readonly ServiceCode[]> = {
  basic: ['transport', 'warehousing', 'packaging', 'delivery'],
  value_added: ['order_handling', 'inspection', 'repacking', 'insurance', 'customs', 'cod', 'installation', 'returns'],
  advanced: ['inventory_analysis', 'forecasting', 'distribution_centre', 'supply_chain_planning', 'logistics_planning', 'cost_analysis'],
};
export const TIERS: readonly Tier[] = ['basic', 'value_added', 'advanced'];
export const SERVICES = sameValues<ServiceCode>()(['transport', 'warehousing', 'packaging', 'delivery', 'order_handling',
  'inspection', 'repacking', 'insurance', 'customs', 'cod', 'installation', 'returns', 'inventory_analysis', 'forecasting',
  'distribution_centre', 'supply_chain_planning', 'logistics_planning', 'cost_analysis']);
export const ZONES = sameValues<Zone>()(['same_city', 'same_province', 'adjacent_province', 'cross_province', 'remote']);
export const BILLING_CYCLES = sameValues<BillingCycle>()(['per_shipment', 'weekly', 'semi_monthly', 'monthly']);
export const VEHICLES = sameValues<Vehicle>()(['any', 'box_truck', 'refrigerated', 'flatbed']);
export const PICKUP_FREQUENCIES = sameValues<PickupFrequency>()(['on_call', 'daily', 'twice_daily', 'weekly']);
// The quality targets of DOMAIN.md §11, in basis points; damage is the one ceiling, the rest are floors.
export const QUALITY_KEYS = ['reports_on_time_bp', 'on_time_delivery_bp', 'complaint_free_bp', 'damage_max_bp',
  'delivery_accuracy_bp', 'inventory_accuracy_bp'] as const;
export type QualityKey = typeof QUALITY_KEYS[number];

export interface Money { amount_minor: number; currency: string }

export interface TransitPromise { product: string; zone: Zone; hours: number }
export interface Cod { fee_rate_bp: number; minimum_fee: Money; remittance_days: number }

export interface Terms {
  services: ServiceCode[];
  rate_card_id: number | null;
  transit_promises: TransitPromise[];
  quality: Record<QualityKey, number>;
  annual_value?: Money;           // staff only
  declared_value_limit: Money;
  compensation_cap: Money;
  insurance_clause: boolean;
  account_period_days: number;
  billing_cycle: BillingCycle;
  cod: Cod | null;
  signed_receipt: boolean;
  packaging: string;
  vehicle: Vehicle;
  pickup_frequency: PickupFrequency;
  start_date: string | null;
  end_date: string | null;
  auto_renewal: boolean;
  clauses: string[];
  internal_notes?: string;        // staff only
}

export interface ContractSummary {
  id: number;
  number: string;
  customer_id: number;
  state: ContractState;
  version: number;
  effective_from: string;
  start_date: string;
  end_date: string;
  services: ServiceCode[];
  owner_user_id?: number;
  revision?: number;
}

export interface Approval {
  round: number;
  step: Approver;
  decision: 'approved' | 'rejected';
  user_id: number;
  login: string;
  reason: string;
  decided_at: string;
}

export interface PendingAmendment {
  version: number;
  effective_from: string;
  note: string;
  proposed_by: number;
  required_approvals: Approver[];
  terms: Terms;
}

export interface Contract extends ContractSummary {
  customer_name: string;
  terms: Terms;
  created_by?: number;
  submitted_by?: number | null;
  approval_round?: number;
  required_approvals?: Approver[];
  approvals?: Approval[];
  rejection_reasons?: string[];
  renewed_from_id?: number | null;
  renewal_id?: number | null;
  pending_amendment?: PendingAmendment | null;
  created_at?: string;
  updated_at?: string;
}

export type VersionStatus = 'effective' | 'proposed' | 'rejected' | 'withdrawn';
export interface ContractVersion {
  version: number;
  status: VersionStatus;
  effective_from: string;
  note: string;
  created_by: number;
  created_at: string;
  terms: Terms;
}

export interface Difference { field: string; standard: string; proposed: string }
export interface InboxApproval extends ContractSummary {
  customer_name: string;
  step: Approver;
  amendment_version: number | null;
  annual_value: Money;
  differences: Difference[];
}
export interface Notice {
  id: number;
  contract_id: number;
  kind: 'expiry_warning' | 'auto_renewed' | 'ended';
  about: string;
  message: string;
  created_at: string;
}
export interface Inbox { approvals: InboxApproval[]; notices: Notice[] }

// The account as the contract screens need it (GET /api/v1/customers/{id}: a part of Customer).
export interface AccountRef {
  id: number;
  name: string;
  code?: string;
  industry: string;
  requirements?: { template?: string | null; notes?: string; flags?: Record<string, boolean> };
}

// Tag colours of the states (frame.css and contracts.css darken each for AA contrast).
export const STATE_COLOURS: Record<ContractState, string> = {
  draft: 'default',
  in_approval: 'blue',
  approved: 'cyan',
  active: 'green',
  expiring: 'orange',
  renewed: 'purple',
  ended: 'red',
};
