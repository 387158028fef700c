// The pipeline's vocabulary on the client: the stages in their order, the rule of which moves the
// server allows (src/modules/sales/pipeline.hpp: forward any number, back exactly one, 维护 only by
// winning), the outcomes and the reasons of a loss. The server stays the judge of every move; the
// rule here only decides what the "移至…" menu offers and how a refused drop is explained.
import { sameValues, type Json, type Schemas } from '../../app/schema';

// Every field is always sent (the document lists none as required).
export type Opportunity = Required<Schemas['Opportunity']>;
export type Stage = Schemas['Stage'];
export type Outcome = Opportunity['outcome'];

export const STAGES = sameValues<Stage>()(['prospecting', 'first_contact', 'deeper_talks', 'follow_up', 'deal', 'maintenance'] as const);
export const OUTCOMES = sameValues<Outcome>()(['open', 'won', 'lost'] as const);
export const LOST_REASONS = ['price', 'competitor', 'service', 'timing', 'other'] as const;
export type LostReason = (typeof LOST_REASONS)[number];

// Each stage's default probability (percent), as the server sets it on a stage change.
export const DEFAULT_PROBABILITY: Record<Stage, number> = {
  prospecting: 10, first_contact: 20, deeper_talks: 40, follow_up: 60, deal: 80, maintenance: 100,
};

const index = (s: Stage) => STAGES.indexOf(s);

// Whether the pipeline lets an open opportunity move from `from` to `to` (pipeline.hpp's StageChangeAllowed).
export function stageChangeAllowed(from: Stage, to: Stage): boolean {
  if (from === 'maintenance' || to === 'maintenance') return false;
  return index(to) > index(from) || index(to) === index(from) - 1;
}

// The stages an open opportunity at `from` may be moved to, in pipeline order.
export function allowedTargets(from: Stage): Stage[] {
  return STAGES.filter((s) => stageChangeAllowed(from, s));
}

// Why a move is refused, as a key of the module's strings (for the message after a 409).
export function refusalKey(from: Stage, to: Stage): 'pipeline.refused.maintenance' | 'pipeline.refused.backTooFar' | 'pipeline.refused.other' {
  if (to === 'maintenance') return 'pipeline.refused.maintenance';
  if (index(to) < index(from) - 1) return 'pipeline.refused.backTooFar';
  return 'pipeline.refused.other';
}

// The answer of POST /opportunities/{id}/won. contract_id arrives once the server drafts the contract
// in the same transaction; until then (or if it does not) the console links to the account instead.
export type WonAnswer = Json<'winOpportunity'> & { contract_id?: number | null };

export interface OpportunityPage {
  items: Opportunity[];
  next_cursor: string | null;
}
