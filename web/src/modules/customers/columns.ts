// The columns of the import template and of the export (customer_import.cpp kColumns), in the
// template's order, checked against nothing the document names as an enum: docs/openapi.yaml lists
// them in the import's `mapping` and the export's `columns`.
export const CUSTOMER_COLUMNS = ['code', 'name', 'kind', 'industry', 'province', 'city', 'district', 'street',
  'contact_name', 'contact_role', 'phone', 'email', 'value_class', 'tier', 'tags', 'relationship_type',
  'relationship_depth', 'maturity', 'marketing_type', 'market', 'lifecycle_stage', 'development_stage'] as const;
export type CustomerColumn = (typeof CUSTOMER_COLUMNS)[number];
