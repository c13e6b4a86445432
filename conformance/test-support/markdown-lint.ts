// What would make GitHub render a Markdown report wrongly: a code fence left open, a table whose rows
// have different numbers of cells, or a table without its delimiter row.

/** The cells of a table row as GitHub splits it: a backslash and the character after it are one escaped pair. */
export function cellCount(row: string): number {
  let pipes = 0;
  for (let at = 0; at < row.length; at++) {
    if (row[at] === '\\') at++;
    else if (row[at] === '|') pipes++;
  }
  return pipes - 1;
}

const FENCE = /^(`{3,}|~{3,})/;
const DELIMITER_ROW = /^\|( *:?-{3,}:? *\|)+$/;

export function markdownProblems(markdown: string): string[] {
  const problems: string[] = [];
  let fence: { marker: string; line: number } | undefined;
  let table: { cells: number; rows: number; line: number } | undefined;
  for (const [index, line] of markdown.split('\n').entries()) {
    if (fence) {
      const closing = FENCE.exec(line)?.[1];
      if (closing && closing[0] === fence.marker[0] && closing.length >= fence.marker.length && line.trim() === closing) fence = undefined;
      continue;
    }
    const opening = FENCE.exec(line)?.[1];
    if (opening) {
      fence = { marker: opening, line: index + 1 };
      table = undefined;
      continue;
    }
    if (!line.startsWith('|')) {
      table = undefined;
      continue;
    }
    table ??= { cells: cellCount(line), rows: 0, line: index + 1 };
    table.rows++;
    if (cellCount(line) !== table.cells) problems.push(`line ${index + 1}: ${cellCount(line)} cells in a table of ${table.cells} (from line ${table.line})`);
    if (table.rows === 2 && !DELIMITER_ROW.test(line)) problems.push(`line ${index + 1}: a table's second row is not its delimiter row`);
  }
  if (fence) problems.push(`line ${fence.line}: code fence ${fence.marker} never closed`);
  return problems;
}
