// The dashboard's calls: for now the newest page of customers (GET /api/v1/customers?limit=200).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { CustomerSummary, Page } from '../customers/model';

export function useNewestCustomers() {
  return useQuery({
    queryKey: ['customers', 'newest', 200],
    queryFn: () => api<Page<CustomerSummary>>('GET', '/api/v1/customers?limit=200'),
  });
}
