// Reads what the documentation tests need from a Markdown page: fenced code blocks, heading anchors, links.
// A small reader for the Markdown this project writes (ATX headings, ``` and ~~~ fences), not a full CommonMark parser.

export interface CodeBlock {
  /** The fence's info string, e.g. `sh runnable`. */
  info: string;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

export interface Link {
  target: string;
  line: number;
}

interface Line {
  text: string;
  number: number;
  /** Inside a fenced block, fences included. */
  fenced: boolean;
  /** Set on a block's opening fence: its info string. */
  opens?: string;
  /** Set on a block's closing fence. */
  closes?: true;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** Every line, marked when it belongs to a fenced code block. A block closes on a bare fence at least as long as its opening one. */
function lines(markdown: string): Line[] {
  let open: string | undefined;
  return markdown.split('\n').map((text, index) => {
    const number = index + 1;
    const fence = FENCE.exec(text);
    if (open === undefined) {
      if (!fence) return { text, number, fenced: false };
      open = fence[1]!;
      return { text, number, fenced: true, opens: fence[2]!.trim() };
    }
    if (fence && fence[1]!.startsWith(open) && fence[2]!.trim() === '') {
      open = undefined;
      return { text, number, fenced: true, closes: true };
    }
    return { text, number, fenced: true };
  });
}

export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let current: { info: string; line: number; body: string[] } | undefined;
  for (const line of lines(markdown)) {
    if (line.opens !== undefined) current = { info: line.opens, line: line.number, body: [] };
    else if (line.closes && current) {
      blocks.push({ info: current.info, code: current.body.join('\n'), line: current.line });
      current = undefined;
    } else if (current) current.body.push(line.text);
  }
  if (current) throw new Error(`the code block opened on line ${current.line} is never closed`);
  return blocks;
}

/** The text a heading shows: links and images by their text, no code marks, emphasis stars or HTML tags. */
function headingText(source: string): string {
  return source
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '')
    .trim();
}

/** GitHub's anchor for a heading (github-slugger): lower case, punctuation dropped, each space a hyphen. */
export function slugOf(heading: string): string {
  return headingText(heading)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a page offers: its headings' slugs (a repeated one gets -1, -2, …) and explicit `id`/`name` attributes. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text, fenced } of lines(markdown)) {
    if (fenced) continue;
    const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(text);
    if (heading) {
      const slug = slugOf(heading[1]!);
      const count = seen.get(slug) ?? 0;
      seen.set(slug, count + 1);
      anchors.add(count === 0 ? slug : `${slug}-${count}`);
    }
    for (const match of text.matchAll(/<a\s[^>]*\b(?:id|name)="([^"]+)"/g)) anchors.add(match[1]!);
  }
  return anchors;
}

/** Links and images outside code (fenced blocks, inline code spans, HTML comments): inline, reference definitions, HTML href/src. */
export function linksOf(markdown: string): Link[] {
  const links: Link[] = [];
  const withoutComments = markdown.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '));
  for (const { text, number, fenced } of lines(withoutComments)) {
    if (fenced) continue;
    const prose = text.replace(/(`+)[\s\S]*?\1/g, '');
    const patterns = [/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/g, /<(?:a|img)\s[^>]*\b(?:href|src)="([^"]+)"/g];
    for (const pattern of patterns) for (const match of prose.matchAll(pattern)) links.push({ target: match[1]!, line: number });
  }
  return links;
}
