// Exact conversions between what a person types and what the API holds: yuan ↔ fen (integers, CNY)
// and percent ↔ basis points (1 bp = 0.01 %). Decimal strings are read digit by digit — never through
// a float — so "0.1" yuan is 10 fen and "99.95" % is 9995 bp, always.
import type { Money } from './model';

// "1234.5", "1,234.50", "¥1234" → fen; null for anything that is not a non-negative amount with at
// most two decimals, or is beyond the integers a browser holds exactly.
export function yuanToFen(text: string): number | null {
  return decimalToInt(text.replace(/^[¥￥]/, ''), 2);
}

// fen → "1234.50" (what the input shows; no grouping, so it reads back exactly).
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${whole}.${String(cents).padStart(2, '0')}`;
}

// fen → "¥1,234.50" for reading.
export function formatYuan(money: Money | null | undefined): string {
  if (!money) return '';
  const [whole, cents] = fenToYuan(money.amount_minor).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const symbol = money.currency === 'CNY' ? '¥' : `${money.currency} `;
  return `${symbol}${grouped}.${cents}`;
}

// "99.5" → 9950 bp; null unless a non-negative percent with at most two decimals. Ranges (0–100 %,
// more than zero) are the server's to judge: it names the field.
export function percentToBp(text: string): number | null {
  return decimalToInt(text, 2);
}

// 9950 → "99.5"; 10 → "0.1"; 10000 → "100": the shortest exact form.
export function bpToPercent(bp: number): string {
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  const whole = Math.floor(abs / 100);
  const rest = abs % 100;
  if (rest === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

// A non-negative decimal with at most `places` decimals (grouping commas allowed) as an integer of
// 10^-places units.
function decimalToInt(text: string, places: number): number | null {
  const s = text.trim().replace(/,/g, '');
  const m = new RegExp(`^(\\d+)(?:\\.(\\d{0,${places}}))?$`).exec(s);
  if (!m) return null;
  const digits = m[1] + (m[2] ?? '').padEnd(places, '0');
  const value = Number(digits.replace(/^0+(?=\d)/, ''));
  return Number.isSafeInteger(value) ? value : null;
}
