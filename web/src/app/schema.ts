// Names for the types openapi-typescript generates from docs/openapi.yaml (src/api/schema.d.ts, made by
// `npm run build` before tsc): a field or enum value the document renames breaks the build here.
import type { components, operations } from '../api/schema';

export type Schemas = components['schemas'];

// The JSON body an operation answers with a status: Json<'getMe'>, Json<'createCustomer', 201>.
export type Json<Op extends keyof operations, Status extends number = 200> =
  operations[Op]['responses'] extends Record<Status, { content: { 'application/json': infer T } }> ? T : never;

// A request body: Body<'changePassword'>.
export type Body<Op extends keyof operations> =
  operations[Op] extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

// Compile-time check that a list of wire values is exactly the document's enum (no value missing,
// none extra): `sameValues<Schemas['Industry']>()(INDUSTRIES)`.
export function sameValues<Union extends string>() {
  return <const L extends readonly Union[]>(list: L & ([Union] extends [L[number]] ? unknown : never)) => list;
}
