// Money as the API carries it (integer fen, {amount_minor, currency}) and as people type and read it
// (yuan: "12000.50", ¥12,000.50). No floating point touches an amount: the typed decimal is split into
// its digits and joined as fen; the shown one is built from the integer's digits.

// The largest amount a form accepts: 10¹³ − 1 yuan, far below 2⁵³ fen, so the integer is exact.
const YUAN = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

// "12000.5" → 1200050; "" → null (no amount); anything else (a sign, three decimals, letters) →
// undefined. Commas, spaces and a leading ¥ the user typed are ignored; full-width digits count.
export function yuanToFen(text: string): number | null | undefined {
  const s = text.trim()
    .replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .replace(/^[¥￥]/, '')
    .replace(/[,，\s]/g, '');
  if (s === '') return null;
  const m = YUAN.exec(s);
  if (!m) return undefined;
  const cents = (m[2] ?? '').padEnd(2, '0');
  return Number(m[1]) * 100 + Number(cents);
}

// 1200050 → "12000.50" (for the form's input); null → "".
export function fenToYuanInput(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${yuan}.${cents}`;
}

// 1200050 → "¥12,000.50": grouping by threes, two decimals, for display.
export function formatFen(fen: number): string {
  const [yuan, cents] = fenToYuanInput(fen).split('.');
  const negative = yuan.startsWith('-');
  const digits = negative ? yuan.slice(1) : yuan;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}¥${grouped}.${cents}`;
}
