// RFC 1123 dates with second precision, as Eve writes `_created`, `_updated` and Last-Modified.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC1123 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/** '00' … '99' */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const two = (n: number) => TWO_DIGITS[n] as string;

const DAY_MS = 86_400_000;
/** `Fri, 08 May 2020` by day since the epoch: documents' dates fall on few days, and a `Date` per render shows in a profile. */
const dayTexts = new Map<number, string>();
const DAYS_KEPT = 10_000;

function dayText(day: number): string {
  let text = dayTexts.get(day);
  if (text === undefined) {
    const d = new Date(day * DAY_MS);
    text = `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
    if (dayTexts.size >= DAYS_KEPT) dayTexts.clear();
    dayTexts.set(day, text);
  }
  return text;
}

/** `Fri, 08 May 2020 17:41:58 GMT` */
export function httpDate(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  const seconds = Math.floor((ms - day * DAY_MS) / 1000);
  return `${dayText(day)} ${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)} GMT`;
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
