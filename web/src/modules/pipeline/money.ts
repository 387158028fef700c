// Money on the pipeline's screens: integer fen from the API shown as ¥1,234.50, yuan typed by the
// user turned into fen exactly (the decimal string is parsed, never multiplied as a float), and the
// weighted revenue Σ revenue × probability computed in integers (BigInt) with one rounding at the end.

// Fen as "¥1,234.50" ("-¥12.00" below zero); grouping is the same in both languages.
export function formatFen(minor: number | bigint): string {
  let v = BigInt(minor);
  const negative = v < 0n;
  if (negative) v = -v;
  const yuan = (v / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fen = (v % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}¥${yuan}.${fen}`;
}

// Fen as the plain decimal the edit form shows ("1234.50"), for a value the user then changes.
export function fenToYuanText(minor: number): string {
  const v = BigInt(minor);
  const sign = v < 0n ? '-' : '';
  const a = v < 0n ? -v : v;
  return `${sign}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}

// Yuan as typed ("1234", "1,234.5", "0.05") → fen, or null when it is not an amount of at most two
// decimals (negative amounts are not revenue). Up to 13 digits of yuan: well inside a JS integer.
export function parseYuan(text: string): number | null {
  const s = text.trim().replace(/[,，\s]/g, '').replace(/^¥/, '');
  const m = /^(\d{1,13})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const fen = BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  return Number(fen);
}

// Divides by 100 rounding half to even (the server's default rounding, STYLE.md §4).
function divide100HalfEven(n: bigint): bigint {
  const negative = n < 0n;
  const a = negative ? -n : n;
  let q = a / 100n;
  const r = a % 100n;
  if (r > 50n || (r === 50n && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

// Σ revenue × probability ÷ 100 over the opportunities, in fen: the weighted pipeline value.
export function weightedFen(items: { monthly_revenue?: { amount_minor: number } | null; probability?: number }[]): bigint {
  let sum = 0n;
  for (const o of items) sum += BigInt(o.monthly_revenue?.amount_minor ?? 0) * BigInt(o.probability ?? 0);
  return divide100HalfEven(sum);
}

// Σ revenue in fen.
export function totalFen(items: { monthly_revenue?: { amount_minor: number } | null }[]): bigint {
  let sum = 0n;
  for (const o of items) sum += BigInt(o.monthly_revenue?.amount_minor ?? 0);
  return sum;
}
