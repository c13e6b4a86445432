// RFC 1123 dates with second precision, as Eve writes `_created`, `_updated` and Last-Modified.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC1123 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

const two = (n: number) => String(n).padStart(2, '0');

/** `Fri, 08 May 2020 17:41:58 GMT` */
export function httpDate(ms: number): string {
  const d = new Date(ms);
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time} GMT`;
}

/** Epoch ms of an RFC 1123 date, or undefined when the text is not one. */
export function parseHttpDate(text: string): number | undefined {
  const match = RFC1123.exec(text.trim());
  if (!match) return undefined;
  const [, , day, , year, hours, minutes, seconds] = match.map(Number);
  const monthIndex = MONTHS.indexOf(match[3] as string);
  const ms = Date.UTC(year as number, monthIndex, day, hours, minutes, seconds);
  // Rejects impossible dates (31 Feb, 25:00) that Date.UTC would roll over; the weekday is not checked.
  const d = new Date(ms);
  const exact = d.getUTCDate() === day && d.getUTCMonth() === monthIndex && d.getUTCHours() === hours && d.getUTCMinutes() === minutes && d.getUTCSeconds() === seconds;
  return exact ? ms : undefined;
}
