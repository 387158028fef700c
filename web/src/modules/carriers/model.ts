// What the carriers module's API answers (docs/openapi.yaml, Carrier and CarrierApiKey), spelled out
// because the document's response schemas leave members optional; the enums are checked against it.
import { sameValues, type Schemas } from '../../app/schema';
import type { Money, Zone } from '../pricing/api';

export const KINDS = sameValues<Schemas['CarrierKind']>()(['own', 'subcontracted']);
export type CarrierKind = (typeof KINDS)[number];
export const STATUSES = sameValues<Schemas['CarrierStatus']>()(['active', 'suspended']);
export type CarrierStatus = (typeof STATUSES)[number];

export interface CarrierRate {
  product: string;
  zone: Zone;
  first_grams: number;
  first_price: Money;
  step_grams: number;
  step_price: Money;
}
export interface TransitTime { product: string; zone: string; hours: number }
// Basis points: 9600 = 96 %.
export interface Performance { on_time_bp: number; damage_bp: number; scan_completeness_bp: number }
// What the carrier's shipments showed over 30 days (the tracking module measures it every hour);
// allocation weighs it instead of the declaration once it stands on MIN_MEASURED_SHIPMENTS.
export interface MeasuredPerformance extends Performance { shipments: number; measured_at: string | null }
export const MIN_MEASURED_SHIPMENTS = 50;  // orders' kMinMeasuredShipments
export interface CarrierContact { name: string; role: string; phone: string; email: string }

export interface Carrier {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
  kind: CarrierKind;
  status: CarrierStatus;
  suspended_reason: string;
  coverage: string[];  // GB/T 2260 codes of provinces ("44") and cities ("4403")
  products: string[];
  daily_capacity_orders: number;
  daily_capacity_grams: number;
  rates: CarrierRate[];
  transit: TransitTime[];
  declared: Performance;
  measured?: MeasuredPerformance | null;
  contacts: CarrierContact[];
  revision: number;
  created_at: string;
  updated_at: string;
}

// What a create or an edit sends (an edit sends every field; status only changes by suspend/resume).
export type CarrierInput = Omit<Carrier, 'id' | 'status' | 'suspended_reason' | 'measured' | 'revision' | 'created_at' | 'updated_at'>;

export interface CarrierApiKey {
  id: number;
  carrier_id: number;
  prefix: string;      // "ck_ab12cd34"
  label: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}
// The answer to a create: the whole key, shown this once.
export interface NewCarrierApiKey extends CarrierApiKey { key: string }

// Capacity used by one carrier on a day (GET /api/v1/carrier-load); a carrier with none is absent.
export interface CarrierLoad { carrier_id: number; orders: number; grams: number }

// A scorecard's figures (GET /api/v1/carriers/{id}/scorecard, ScorecardFigures): counts, and rates in
// basis points of the shipments (on-time: of the delivered; truthful: of those with a carrier status).
export interface ScorecardFigures {
  shipments: number;
  delivered: number;
  on_time: number;
  on_time_bp: number;
  average_delay_hours: number;
  damaged: number;
  damage_bp: number;
  scan_completeness_bp: number;
  contradicted: number;
  truthful_bp: number;
  eta_measured?: number;     // delivered shipments that had an estimate under way
  eta_accuracy_bp?: number;  // of those, delivered by the first estimate's p90 and not a day before its p50
  exceptions: number;
  exceptions_per_1000: number;
}
export interface LaneFigures extends ScorecardFigures { lane: string }   // "44→31"
export interface WeekFigures extends ScorecardFigures { week: string }   // its Monday, "2026-11-23"
export interface Scorecard { carrier_id: number; days: number; overall: ScorecardFigures; lanes: LaneFigures[]; weeks: WeekFigures[] }
// Each member is the document's (a renamed field breaks the build here).
type Check<T extends Record<keyof ScorecardFigures, unknown>> = T;
export type ScorecardChecked = Check<Required<Schemas['ScorecardFigures']>>;

// A carrier's scan code table (GET/PUT /api/v1/carriers/{id}/scan-codes; the tracking module's): how
// the codes its systems push become our status, sub-status, party and claim. `rules` is its own
// table, empty when it has none — then `default` maps its codes.
export const TRACKING_STATUSES = sameValues<Schemas['TrackingStatus']>()([
  'info_received', 'picked_up', 'in_transit', 'redirected', 'customs', 'out_for_delivery', 'available_for_pickup',
  'delivered', 'failed_attempt', 'exception', 'returning', 'returned', 'cancelled',
]);
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];
export const PARTIES = sameValues<Schemas['ScanCodeRule']['party']>()(['none', 'carrier', 'shipper', 'consignee', 'customs', 'weather']);
export type Party = (typeof PARTIES)[number];
// The server's sub-statuses (tracking/scan.hpp kSubstatuses), each starting with its status's code.
export const SUBSTATUSES = [
  'info_received.awaiting_pickup',
  'picked_up.accepted',
  'in_transit.hub_arrival', 'in_transit.hub_departure', 'in_transit.loaded', 'in_transit.line_haul',
  'in_transit.arrived_destination_city',
  'redirected.forwarded',
  'customs.awaiting', 'customs.in_progress', 'customs.cleared',
  'out_for_delivery.on_vehicle',
  'available_for_pickup.locker', 'available_for_pickup.station',
  'delivered.signed_by_addressee', 'delivered.signed_by_other', 'delivered.locker', 'delivered.after_exception',
  'failed_attempt.addressee_unavailable', 'failed_attempt.no_contact', 'failed_attempt.business_closed',
  'exception.damaged', 'exception.lost', 'exception.address_problem', 'exception.refused', 'exception.customs_hold',
  'exception.weather_delay', 'exception.out_of_area', 'exception.held',
  'returning.to_sender',
  'returned.to_sender',
  'cancelled.order_cancelled',
] as const;
export type Substatus = (typeof SUBSTATUSES)[number];
export const substatusesOf = (status: TrackingStatus) => SUBSTATUSES.filter((s) => s.startsWith(`${status}.`));

export interface ScanCodeRule { raw_code: string; status: TrackingStatus; substatus: string; party: Party; claim: boolean }
export interface ScanCodeTable { own: boolean; rules: ScanCodeRule[]; default: ScanCodeRule[] }
// Each member is the document's (a renamed field breaks the build here).
type CheckRule<T extends Record<keyof ScanCodeRule, unknown>> = T;
export type ScanCodeRuleChecked = CheckRule<Schemas['ScanCodeRule']>;
export const MAX_SCAN_CODES = 500;  // tracking's kMaxCodeRules
