// Who is logged in: loaded from /api/v1/auth/me at start, set by login, cleared by logout.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, setCsrfToken, setUnauthenticatedHandler } from './api';
import { dropDrafts } from './drafts';
import type { Json, Schemas } from './schema';

type User = Schemas['User'];

interface AuthState {
  user: User | null;
  loading: boolean;
  login: (login: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
  can: (permission: string) => boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    try {
      const me = await api<Json<'getMe'>>('GET', '/api/v1/auth/me');
      setCsrfToken(me.csrf_token);
      setUser(me.user);
    } catch {
      setUser(null);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // A session that ends while the console is open (expired, logged out in another tab) sends the
  // user back to the login page, which returns to where they were.
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setUser(null);
    });
    return () => setUnauthenticatedHandler(null);
  }, []);

  const login = useCallback(async (loginName: string, password: string) => {
    const r = await api<Json<'login'>>('POST', '/api/v1/auth/login', {
      body: { login: loginName, password },
    });
    setCsrfToken(r.csrf_token);
    dropDrafts(r.user.id);  // another user's drafts in this tab are not for this one
    setUser(r.user);
    return r.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api('POST', '/api/v1/auth/logout');
    } finally {
      dropDrafts();
      setCsrfToken(null);
      setUser(null);
    }
  }, []);

  const can = useCallback((permission: string) => !!user?.permissions.includes(permission), [user]);

  return (
    <AuthContext.Provider value={{ user, loading, login, logout, refresh, can }}>{children}</AuthContext.Provider>
  );
}

export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
