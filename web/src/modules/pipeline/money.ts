// The pipeline's sums: the weighted revenue Σ revenue × probability computed in integers (BigInt) with
// one rounding at the end, and the plain total. Typing and showing money is app/money.ts's.

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
