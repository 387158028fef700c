// The alerts module's calls (GET /api/v1/alerts, admins only).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export interface AlertEntry {
  id: number;
  at: string;
  kind: string;
  user: { id: number | null; login: string };
  detail: { reveals?: number; window_seconds?: number } | null;
}

export function useAlerts(enabled: boolean) {
  return useQuery({
    queryKey: ['alerts'],
    queryFn: async () => (await api<{ items: AlertEntry[] }>('GET', '/api/v1/alerts?limit=100')).items,
    enabled,
    staleTime: 0,  // a new alert shows on the next look
  });
}
