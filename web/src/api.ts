// Calls to the Consign API from the browser: the session cookie travels by itself; unsafe requests
// carry the session's CSRF token. Errors arrive as RFC 9457 problems and become ApiError.
export interface FieldProblem { field: string; reason: string; message: string }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly fields: FieldProblem[] = [],
    readonly body: unknown = null,
  ) {
    super(title);
  }
}

let csrfToken: string | null = sessionStorage.getItem('consign.csrf');

export function setCsrfToken(token: string | null) {
  csrfToken = token;
  if (token) sessionStorage.setItem('consign.csrf', token);
  else sessionStorage.removeItem('consign.csrf');
}

interface RequestOptions {
  body?: unknown;
  raw?: Blob | string;
  contentType?: string;
  headers?: Record<string, string>;
}

export async function request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let body: BodyInit | undefined;
  if (options.raw !== undefined) {
    body = options.raw;
    headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, navigator.language.startsWith('zh') ? '无法连接服务器' : 'Cannot reach the server');
  }
  return response;
}

async function problemOf(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    /* not JSON */
  }
  const p = (body ?? {}) as { title?: string; detail?: string; errors?: FieldProblem[] };
  return new ApiError(response.status, p.title ?? response.statusText, p.errors ?? [], body);
}

// JSON in, JSON out; throws ApiError for 4xx/5xx. `withHeaders` also returns the response headers.
export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(method, path, options);
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

// Like api(), but a 4xx whose body is JSON (an import report answered 422) is returned, not thrown.
export async function apiAllowing<T>(method: string, path: string, allowed: number[], options: RequestOptions = {}) {
  const response = await request(method, path, options);
  if (!response.ok && !allowed.includes(response.status)) throw await problemOf(response);
  return { status: response.status, body: (await response.json()) as T };
}

// Downloads a file the API answers (an export) under `filename`.
export async function download(path: string, filename: string) {
  const response = await request('GET', path);
  if (!response.ok) throw await problemOf(response);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// The query string of a filter object, empty values left out.
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
