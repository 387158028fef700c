// The report's call: GET /api/v1/sales/pipeline-report — every figure counted and summed by the server
// over all the leads and opportunities the user may see (never a sample in the browser).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { Json } from '../../app/schema';

export type PipelineReportData = Json<'getPipelineReport'>;

export interface ReportFilters {
  owner_id?: string;
  team_id?: string;
  from?: string;  // YYYY-MM-DD, Asia/Shanghai
  to?: string;
}

export function reportQuery(filters: ReportFilters): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  const text = q.toString();
  return text ? `?${text}` : '';
}

export function usePipelineReport(filters: ReportFilters) {
  return useQuery({
    queryKey: ['sales', 'pipeline-report', filters],
    queryFn: () => api<PipelineReportData>('GET', `/api/v1/sales/pipeline-report${reportQuery(filters)}`),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
