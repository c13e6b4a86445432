// Markdown that GitHub renders (job summaries, comments) whatever the text put in it: table cells that
// cannot break their row, inline code and code blocks whose fences no backtick inside can close.

/**
 * Text as one table cell: no line break (it would end the row), no bare `|` (it would split the cell).
 * GitHub reads `\x` as one escaped character when it splits a row, so backslashes before a pipe are
 * doubled too; other backslashes stay as written, since inside code a doubled one shows twice.
 */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/(\\*)\|/g, (_, slashes: string) => `${slashes}${slashes}\\|`);
}

/** A table; `right` names the columns aligned right (numbers). Every row gets the header's number of cells. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, right: readonly number[] = []): string {
  const line = (cells: readonly string[]) => `| ${header.map((_, column) => cell(cells[column] ?? '')).join(' | ')} |`;
  const rule = `| ${header.map((_, column) => (right.includes(column) ? '---:' : '---')).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** The longest run of backticks in `text`. */
function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/** Inline code on one line, fenced by more backticks than it holds. */
export function inlineCode(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const fence = '`'.repeat(longestBacktickRun(flat) + 1);
  // A space inside the fence keeps a backtick at either end from joining it (CommonMark strips one).
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run inside it. */
export function codeBlock(text: string, info = ''): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}${info}\n${text.replace(/\n+$/, '')}\n${fence}`;
}

/** Text where Markdown would read emphasis, links, HTML or code: each such character escaped. */
export function plain(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (char) => `\\${char}`);
}
