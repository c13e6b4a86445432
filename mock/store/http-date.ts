// RFC 1123 dates with second precision, as Eve writes `_created`, `_updated` and Last-Modified.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC1123 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/** '00' … '99' */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const two = (n: number) => TWO_DIGITS[n] as string;

/** The two dates rendered last: a write's answer renders its `_created` and the second it happens in. */
let last = { ms: Number.NaN, text: '' };
let before = last;

/** `Fri, 08 May 2020 17:41:58 GMT` */
export function httpDate(ms: number): string {
  if (ms === last.ms) return last.text;
  if (ms === before.ms) return before.text;
  const d = new Date(ms);
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  before = last;
  last = { ms, text: `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time} GMT` };
  return last.text;
}

const MONTH_INDEX = new Map(MONTHS.map((month, index) => [month, index]));

/** Epoch ms of an RFC 1123 date, or undefined when the text is not one. */
export function parseHttpDate(text: string): number | undefined {
  const match = RFC1123.exec(text.trim());
  if (!match) return undefined;
  const day = Number(match[2]);
  const hours = Number(match[5]);
  const minutes = Number(match[6]);
  const seconds = Number(match[7]);
  // Rejects impossible dates (31 Feb, 25:00) that Date.UTC would roll over; the weekday is not checked.
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const ms = Date.UTC(Number(match[4]), MONTH_INDEX.get(match[3] as string) as number, day, hours, minutes, seconds);
  return new Date(ms).getUTCDate() === day ? ms : undefined;
}
