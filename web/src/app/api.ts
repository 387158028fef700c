// Calls to the Consign API from the browser: the session cookie travels by itself; unsafe requests
// carry the session's CSRF token (X-CSRF-Token, from the login answer or GET /api/v1/auth/me).
// Errors arrive as RFC 9457 problems (application/problem+json) and become ApiError.
export interface FieldProblem { field: string; reason: string; message: string }

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  instance?: string;
  request_id?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,            // HTTP status; 0 when the server could not be reached
    readonly title: string,             // the problem's title (English, from the server)
    readonly fields: FieldProblem[] = [],
    readonly body: unknown = null,      // the whole answer, e.g. an import report answered 422
    readonly code: string = '',         // the problem's code: invalid_argument, not_found, …
    readonly detail: string = '',
    readonly retryAfter: number | null = null, // seconds, from Retry-After on 429
    readonly requestId: string = '',    // X-Request-Id (or the problem's request_id): what to quote to IT
  ) {
    super(title);
  }

  // The first reason word of the problem (bad_credentials, duplicate, …), or the code.
  get reason(): string {
    return this.fields[0]?.reason ?? this.code;
  }
}

let csrfToken: string | null = sessionStorage.getItem('consign.csrf');

export function setCsrfToken(token: string | null) {
  csrfToken = token;
  if (token) sessionStorage.setItem('consign.csrf', token);
  else sessionStorage.removeItem('consign.csrf');
}

// Called when a request other than login answers 401: the session ended (expired, logged out elsewhere).
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(handler: (() => void) | null) {
  onUnauthenticated = handler;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface RequestOptions {
  body?: unknown;
  raw?: Blob | string;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;     // a request no longer wanted (a quote whose inputs changed) is aborted
}

function headersFor(method: string, options: RequestOptions): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.raw !== undefined) headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  return headers;
}

export async function request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers = headersFor(method, options);
  const body: BodyInit | undefined =
    options.raw !== undefined ? options.raw : options.body !== undefined ? JSON.stringify(options.body) : undefined;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch {
    throw new ApiError(0, 'Cannot reach the server', [], null, 'network');
  }
  if (response.status === 401 && !path.startsWith('/api/v1/auth/')) onUnauthenticated?.();
  return response;
}

function problemFrom(status: number, statusText: string, body: unknown, retryAfter: string | null,
  requestId: string | null): ApiError {
  const p = (body && typeof body === 'object' ? body : {}) as Problem;
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null;
  return new ApiError(status, p.title ?? statusText, Array.isArray(p.errors) ? p.errors : [], body, p.code ?? '',
    p.detail ?? '', seconds, p.request_id ?? requestId ?? '');
}

async function problemOf(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    /* not JSON */
  }
  return problemFrom(response.status, response.statusText, body, response.headers.get('Retry-After'),
    response.headers.get('X-Request-Id'));
}

// JSON in, JSON out; throws ApiError for 4xx/5xx.
export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(method, path, options);
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

// Like api(), also returning the ETag's version ("3" → 3): the value later sent in If-Match.
export async function apiWithVersion<T>(method: string, path: string, options: RequestOptions = {}) {
  const response = await request(method, path, options);
  if (!response.ok) throw await problemOf(response);
  const etag = response.headers.get('ETag');
  const version = etag ? Number(etag.replace(/^W\//, '').replace(/"/g, '')) : NaN;
  return { body: (await response.json()) as T, version: Number.isFinite(version) ? version : null };
}

// The If-Match header for a record's version.
export function ifMatch(version: number): Record<string, string> {
  return { 'If-Match': `"${version}"` };
}

// A fresh Idempotency-Key: a create sent twice (double click, retry) makes one record.
export function idempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}

// Sends a file as the request body with upload progress (fetch has none). Statuses in `allowed`
// (an import report answered 422) resolve like a 200; other errors reject with ApiError.
export function upload<T>(
  method: string,
  path: string,
  file: Blob,
  contentType: string,
  allowed: number[],
  onProgress: (percent: number) => void,
): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    for (const [k, v] of Object.entries(headersFor(method, { raw: file, contentType }))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'Cannot reach the server', [], null, 'network'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status === 401) onUnauthenticated?.();
      if ((xhr.status >= 200 && xhr.status < 300) || allowed.includes(xhr.status)) {
        resolve({ status: xhr.status, body: body as T });
      } else {
        reject(problemFrom(xhr.status, xhr.statusText, body, xhr.getResponseHeader('Retry-After'),
          xhr.getResponseHeader('X-Request-Id')));
      }
    };
    xhr.send(file);
  });
}

// The file name a download answer proposes (Content-Disposition), preferring filename*=UTF-8''….
function filenameOf(response: Response): string | null {
  const cd = response.headers.get('Content-Disposition') ?? '';
  const star = cd.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* fall through */
    }
  }
  const plain = cd.match(/filename="([^"]+)"/i);
  return plain ? plain[1] : null;
}

// Downloads a file the API answers (an export, the import template); `filename` when the server
// proposes none, or always when `force` is set.
// Downloads the file the GET answers. A 202 (a background export, say) downloads nothing: its JSON
// body is returned instead, for the caller to follow.
export async function download(path: string, filename: string, force = false): Promise<unknown> {
  const response = await request('GET', path);
  if (!response.ok) throw await problemOf(response);
  if (response.status === 202) return response.json();
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = force ? filename : (filenameOf(response) ?? filename);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return null;
}

// Sends a file (POST, as upload) and saves the file the server answers (the failed rows of an import).
export async function uploadForFile(path: string, file: Blob, contentType: string, filename: string): Promise<void> {
  const response = await request('POST', path, { raw: file, contentType });
  if (!response.ok) throw await problemOf(response);
  const url = URL.createObjectURL(await response.blob());
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
