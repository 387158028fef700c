// Exact conversions between what a person types and what the API holds: yuan ↔ fen, percent ↔ basis
// points, kilograms ↔ grams. The text is parsed as a decimal string into an integer of the smaller
// unit (never through a float: 0.1 + 0.2 is not 0.3, and ¥19.99 × 100 is 1998.9999999999998).
// Formatting goes the other way with integer arithmetic only.

// A decimal string with at most `places` decimals as an integer count of 10^-places units:
// scaled('12.5', 2) = 1250, scaled('-0.03', 2) = -3. Null for anything else (letters, two points,
// too many decimals, more digits than a safe integer holds). Spaces, thousands commas and a leading
// ¥/￥ are allowed; the sign is kept (whether a negative is allowed is the server's rule to name).
export function scaled(text: string, places: number): number | null {
  const cleaned = text.replace(/[\s,，]/g, '').replace(/^([-+]?)[¥￥]/, '$1');
  const m = /^([-+]?)(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!m) return null;
  const [, sign, whole, fraction = ''] = m;
  if (whole === '' && fraction === '') return null;
  if (fraction.length > places) return null;
  const digits = (whole || '0') + fraction.padEnd(places, '0');
  const value = BigInt(digits);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const n = Number(value);
  return sign === '-' && n !== 0 ? -n : n;
}

// The integer `n` of 10^-places units as a decimal string with exactly `places` decimals (fixed) or
// with the trailing zeros dropped (trim): unscaled(1250, 2) = '12.50', unscaled(2500, 3, true) = '2.5'.
export function unscaled(n: number, places: number, trim = false): string {
  const negative = n < 0;
  const digits = String(Math.abs(Math.trunc(n))).padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  let fraction = digits.slice(digits.length - places);
  if (trim) fraction = fraction.replace(/0+$/, '');
  return (negative ? '-' : '') + whole + (fraction ? `.${fraction}` : '');
}

// Yuan with up to two decimals (分) ⇄ fen.
export const yuanToFen = (text: string) => scaled(text, 2);
export const fenToYuanText = (fen: number) => unscaled(fen, 2);
// Percent with up to two decimals ⇄ basis points (0.3 % = 30 bp).
export const percentToBp = (text: string) => scaled(text, 2);
export const bpToPercentText = (bp: number) => unscaled(bp, 2, true);
// Kilograms with up to three decimals ⇄ grams.
export const kgToGrams = (text: string) => scaled(text, 3);
export const gramsToKgText = (grams: number) => unscaled(grams, 3, true);
// A whole number (shipments a month, centimetres).
export const whole = (text: string) => scaled(text, 0);

// "¥1,234.50", "-¥1.28": fen shown as money, with the thousands grouped.
export function formatYuan(fen: number): string {
  const text = unscaled(Math.abs(fen), 2);
  const [int, cents] = text.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}¥${grouped}.${cents}`;
}

// "0.3%", "10%".
export const formatPercent = (bp: number) => `${bpToPercentText(bp)}%`;
// "2.5 kg".
export const formatKg = (grams: number) => `${gramsToKgText(grams)} kg`;
