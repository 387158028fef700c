// Date-and-time inputs in the company's time zone (Asia/Shanghai), whatever the browser's own. The forms
// use the browser's own <input type="datetime-local"> (a phone's native picker; typed on a desktop; no
// popup wider than a 390 px screen), whose value "2026-03-10T18:00" is read as the wall clock in
// Shanghai and turned into an instant only on the way out. Intl does the zone arithmetic.
import { COMPANY_TIME_ZONE } from '../../app/i18n';

interface Wall { year: number; month: number; day: number; hour: number; minute: number }

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: COMPANY_TIME_ZONE, hourCycle: 'h23',
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
});

function wallOf(instantMs: number): Wall {
  const parts = Object.fromEntries(partsFormat.formatToParts(new Date(instantMs)).map((p) => [p.type, p.value]));
  return { year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour % 24, minute: +parts.minute };
}

const asUtc = (w: Wall) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
const two = (n: number) => String(n).padStart(2, '0');
const wallText = (w: Wall) => `${String(w.year).padStart(4, '0')}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}`;

// The company's wall clock at an instant, as a datetime-local value ("2026-03-10T18:00").
export function companyLocalInput(instant: Date | string): string {
  return wallText(wallOf(new Date(instant).getTime()));
}

// The instant a datetime-local value stands for on the company's wall clock, as RFC 3339 in UTC;
// null for an empty or malformed value.
export function instantOfCompanyLocal(value: string | null | undefined): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value ?? '');
  if (!m) return null;
  const guess = asUtc({ year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5] });
  if (Number.isNaN(guess)) return null;
  // The zone's offset at the guess, then once more at the corrected instant (in case the offset changed between).
  let instant = guess - (asUtc(wallOf(guess)) - guess);
  instant = guess - (asUtc(wallOf(instant)) - instant);
  return new Date(instant).toISOString().replace(/\.000Z$/, 'Z');
}

// A datetime-local value for `days` days from today in the company's calendar, at hour:minute.
export function companyDayAt(days: number, hour: number, minute = 0): string {
  const today = wallOf(Date.now());
  const d = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
  return wallText({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour, minute });
}
