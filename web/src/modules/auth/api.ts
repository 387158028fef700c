// The auth module's own calls (login, logout and /me live in app/auth.tsx, the frame's state).
import { api } from '../../app/api';
import type { Body } from '../../app/schema';

// POST /api/v1/auth/password: 204, or a problem naming new_password (too_short, too_weak, common)
// or current_password (wrong).
export function changePassword(body: Body<'changePassword'>): Promise<void> {
  return api<void>('POST', '/api/v1/auth/password', { body });
}
