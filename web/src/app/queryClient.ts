// The one react-query client: a failed read is retried only when a retry can help (the server could
// not be reached, or answered 5xx); a 4xx (not found, forbidden, invalid) is final. A query whose key
// changes keeps showing the previous data (placeholderData) while the new one loads, so a list being
// replaced shows its old rows under a loading indicator rather than a blank.
import { keepPreviousData, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';

export function retryable(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status >= 500);
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => failures < 2 && retryable(error),
        placeholderData: keepPreviousData,
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
