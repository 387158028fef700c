// Exact conversions between what a person types and what the API holds — yuan ↔ fen, percent ↔
// basis points, kilograms ↔ grams — and money as people read it. Every screen uses these (leads,
// pipeline, contracts, prices, the portal). The text is parsed as a decimal string into an integer of the
// smaller unit, never through a float (0.1 + 0.2 is not 0.3, and ¥19.99 × 100 is 1998.9999999999998);
// formatting goes the other way with integer arithmetic only. Rounding of amounts is the server's
// (STYLE.md §4): nothing here rounds a fen.

// A decimal string with at most `places` decimals as an integer count of 10^-places units:
// scaled('12.5', 2) = 1250, scaled('-0.03', 2) = -3. Null for anything else (empty, letters, two
// points, too many decimals, more digits than a safe integer holds). Spaces, thousands commas, a leading
// ¥/￥ and full-width digits are allowed; the sign is kept (whether a negative is allowed is the server's
// rule to name).
export function scaled(text: string, places: number): number | null {
  const cleaned = text
    .replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .replace(/[\s,，]/g, '')
    .replace(/^([-+]?)[¥￥]/, '$1');
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

const nonNegative = (n: number | null) => (n !== null && n >= 0 ? n : null);

// The integer `n` of 10^-places units as a decimal string with exactly `places` decimals (fixed) or
// with the trailing zeros dropped (trim): unscaled(1250, 2) = '12.50', unscaled(2500, 3, true) = '2.5'.
export function unscaled(n: number | bigint, places: number, trim = false): string {
  let v = BigInt(n);
  const negative = v < 0n;
  if (negative) v = -v;
  const digits = v.toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  let fraction = digits.slice(digits.length - places);
  if (trim) fraction = fraction.replace(/0+$/, '');
  return (negative ? '-' : '') + whole + (fraction ? `.${fraction}` : '');
}

// Yuan with up to two decimals (分) ⇄ fen.
export const yuanToFen = (text: string) => scaled(text, 2);
// The same, for amounts that cannot be negative (a spend, a revenue, a contract's values): null below zero.
export const amountToFen = (text: string) => nonNegative(yuanToFen(text));
export const fenToYuanText = (fen: number) => unscaled(fen, 2);
// Percent with up to two decimals ⇄ basis points (0.3 % = 30 bp).
export const percentToBp = (text: string) => scaled(text, 2);
// The same, for rates that cannot be negative (a contract's targets and fee rates).
export const rateToBp = (text: string) => nonNegative(percentToBp(text));
export const bpToPercentText = (bp: number) => unscaled(bp, 2, true);
// Kilograms with up to three decimals ⇄ grams.
export const kgToGrams = (text: string) => scaled(text, 3);
export const gramsToKgText = (grams: number) => unscaled(grams, 3, true);
// A whole number (shipments a month, centimetres).
export const whole = (text: string) => scaled(text, 0);

// "¥1,234.50", "-¥1.28": fen shown as money, the thousands grouped (the same in both languages).
export function formatFen(fen: number | bigint): string {
  const negative = BigInt(fen) < 0n;
  const [int, cents] = unscaled(negative ? -BigInt(fen) : fen, 2).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}¥${grouped}.${cents}`;
}

// {amount_minor, currency} as the API carries it, shown: "¥1,234.50", or "USD 12.00" for another
// currency; "" for none.
export function formatMoney(money: { amount_minor: number; currency: string } | null | undefined): string {
  if (!money) return '';
  if (money.currency === 'CNY') return formatFen(money.amount_minor);
  return `${money.currency} ${formatFen(money.amount_minor).replace('¥', '')}`;
}

// "0.3%", "10%".
export const formatPercent = (bp: number) => `${bpToPercentText(bp)}%`;
// "2.5 kg".
export const formatKg = (grams: number) => `${gramsToKgText(grams)} kg`;
