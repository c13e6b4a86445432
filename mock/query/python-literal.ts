// Python's `ast.literal_eval`, as far as Eve's `sort` needs it: a value that is a Python literal, a valid
// Python expression that is not one (ValueError: Eve falls back to the comma form), or no expression at
// all (SyntaxError: Eve answers 400).

export type PythonLiteral = string | number | boolean | null | PythonLiteral[];

export type LiteralResult = { kind: 'literal'; value: PythonLiteral } | { kind: 'expression' };

export class PythonSyntaxError extends Error {
  override name = 'PythonSyntaxError';
}

type Node = { literal: PythonLiteral } | { other: true };

const OTHER: Node = { other: true };
const TOKEN =
  /\s*(?:([rRbBuUfF]{0,2}(?:'''[\s\S]*?'''|"""[\s\S]*?"""|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"))|(0[xX][\da-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?[jJ]?)|([A-Za-z_]\w*)|(\*\*|\/\/|<<|>>|<=|>=|==|!=|->|:=|[-+*/%@&|^~<>()[\]{},:.;=]))/y;
const KEYWORDS_ALLOWED_IN_EXPRESSIONS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'True', 'False', 'None']);
const RESERVED = new Set(['as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'except', 'finally', 'for', 'from', 'global', 'import', 'lambda', 'nonlocal', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);
const COMPARISONS = new Set(['<', '>', '==', '>=', '<=', '!=', 'in', 'is']);
const ARITHMETIC = new Set(['+', '-', '|', '&', '^', '<<', '>>']);
const TERMS = new Set(['*', '/', '//', '%', '@']);

export function literalEval(text: string): LiteralResult {
  const parser = new Parser(tokenize(text));
  const node = parser.top();
  return 'literal' in node ? { kind: 'literal', value: node.literal } : { kind: 'expression' };
}

type Token = { kind: 'string' | 'number' | 'name' | 'op'; text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (!/^\s*$/.test(text.slice(TOKEN.lastIndex))) {
    const match = TOKEN.exec(text);
    if (!match) throw new PythonSyntaxError(`invalid syntax at "${text.slice(TOKEN.lastIndex).trim().slice(0, 20)}"`);
    const [, string, number, name, op] = match;
    if (string !== undefined) tokens.push({ kind: 'string', text: string });
    else if (number !== undefined) tokens.push({ kind: 'number', text: number });
    else if (name !== undefined) tokens.push({ kind: 'name', text: name });
    else tokens.push({ kind: 'op', text: op as string });
  }
  return tokens;
}

/** A recursive-descent recogniser of Python's expression grammar (the parts a query string can hold). */
class Parser {
  #at = 0;
  constructor(private readonly tokens: Token[]) {}

  top(): Node {
    const node = this.#list(() => this.#endOfInput()).node;
    if (this.#at !== this.tokens.length) this.#fail();
    return node;
  }

  #endOfInput(): boolean {
    return this.#at === this.tokens.length;
  }

  #peek(): Token | undefined {
    return this.tokens[this.#at];
  }

  #is(text: string): boolean {
    const token = this.#peek();
    return token !== undefined && (token.kind === 'op' || token.kind === 'name') && token.text === text;
  }

  #eat(text: string): boolean {
    if (!this.#is(text)) return false;
    this.#at++;
    return true;
  }

  #expect(text: string): void {
    if (!this.#eat(text)) this.#fail();
  }

  #fail(): never {
    const token = this.#peek();
    throw new PythonSyntaxError(token ? `invalid syntax at "${token.text}"` : 'unexpected end of input');
  }

  /** `a, b, c` (a tuple) or one expression; `closed` tells where the list ends. */
  #list(closed: () => boolean): { node: Node; items: Node[]; tuple: boolean } {
    if (closed()) this.#fail();
    const items = [this.#test()];
    let tuple = false;
    while (this.#eat(',')) {
      tuple = true;
      if (closed()) break;
      items.push(this.#test());
    }
    return { node: tuple ? collection(items) : (items[0] as Node), items, tuple };
  }

  #test(): Node {
    const node = this.#binary(['or'], () => this.#binary(['and'], () => this.#not()));
    if (!this.#eat('if')) return node;
    this.#binary(['or'], () => this.#binary(['and'], () => this.#not()));
    this.#expect('else');
    this.#test();
    return OTHER;
  }

  #not(): Node {
    if (this.#eat('not')) {
      this.#not();
      return OTHER;
    }
    return this.#comparison();
  }

  #comparison(): Node {
    let node = this.#chain(ARITHMETIC, () => this.#chain(TERMS, () => this.#factor()));
    for (;;) {
      const token = this.#peek();
      const negated = token?.text === 'not' && this.tokens[this.#at + 1]?.text === 'in';
      if (!token || !(COMPARISONS.has(token.text) || negated)) return node;
      this.#at += negated ? 2 : 1;
      this.#eat('not');
      this.#chain(ARITHMETIC, () => this.#chain(TERMS, () => this.#factor()));
      node = OTHER;
    }
  }

  #binary(words: readonly string[], next: () => Node): Node {
    let node = next();
    while (words.some((word) => this.#eat(word))) {
      next();
      node = OTHER;
    }
    return node;
  }

  #chain(operators: ReadonlySet<string>, next: () => Node): Node {
    let node = next();
    while (this.#peek()?.kind === 'op' && operators.has(this.#peek()?.text as string)) {
      this.#at++;
      next();
      node = OTHER;
    }
    return node;
  }

  #factor(): Node {
    for (const sign of ['-', '+', '~']) {
      if (!this.#eat(sign)) continue;
      const operand = this.#factor();
      if (sign !== '~' && 'literal' in operand && typeof operand.literal === 'number') {
        return { literal: sign === '-' ? -operand.literal : operand.literal };
      }
      return OTHER;
    }
    return this.#power();
  }

  #power(): Node {
    let node = this.#atom();
    for (;;) {
      if (this.#eat('(')) this.#arguments(')');
      else if (this.#eat('[')) this.#arguments(']');
      else if (this.#eat('.')) this.#name();
      else break;
      node = OTHER;
    }
    if (this.#eat('**')) {
      this.#factor();
      return OTHER;
    }
    return node;
  }

  #arguments(close: string): void {
    if (this.#eat(close)) return;
    this.#list(() => this.#is(close));
    this.#expect(close);
  }

  #name(): void {
    const token = this.#peek();
    if (token?.kind !== 'name') this.#fail();
    this.#at++;
  }

  #atom(): Node {
    const token = this.#peek();
    if (!token) this.#fail();
    if (token.kind === 'op') return this.#enclosure(token.text);
    this.#at++;
    if (token.kind === 'number') return numberNode(token.text);
    if (token.kind === 'string') return this.#strings(token.text);
    if (token.text === 'True' || token.text === 'False') return { literal: token.text === 'True' };
    if (token.text === 'None') return { literal: null };
    if (RESERVED.has(token.text) || KEYWORDS_ALLOWED_IN_EXPRESSIONS.has(token.text)) this.#fail();
    return OTHER;
  }

  /** Adjacent strings concatenate, as in Python. */
  #strings(first: string): Node {
    const parts = [first];
    while (this.#peek()?.kind === 'string') parts.push((this.tokens[this.#at++] as Token).text);
    const values = parts.map(stringValue);
    return values.every((value) => value !== undefined) ? { literal: values.join('') } : OTHER;
  }

  #enclosure(open: string): Node {
    const close = { '(': ')', '[': ']', '{': '}' }[open];
    if (close === undefined) this.#fail();
    this.#at++;
    if (this.#eat(close)) return open === '{' ? OTHER : { literal: [] };
    if (open === '{') {
      this.#dictOrSet(close);
      this.#expect(close);
      return OTHER;
    }
    const { node, items } = this.#list(() => this.#is(close));
    this.#expect(close);
    // `(x)` is x and `(x, y)` a tuple; `[x]` and `[x, y]` are lists of their items.
    return open === '(' ? node : collection(items);
  }

  #dictOrSet(close: string): void {
    while (!this.#is(close)) {
      this.#test();
      if (this.#eat(':')) this.#test();
      if (!this.#eat(',')) break;
    }
  }
}

function collection(items: Node[]): Node {
  if (!items.every((item): item is { literal: PythonLiteral } => 'literal' in item)) return OTHER;
  return { literal: items.map((item) => item.literal) };
}

function numberNode(text: string): Node {
  if (/[jJ]$/.test(text)) return OTHER;
  const value = Number(text.replace(/_/g, ''));
  if (Number.isNaN(value)) throw new PythonSyntaxError(`invalid number "${text}"`);
  return { literal: value };
}

/** A plain or raw string's value; undefined for bytes and f-strings, which are not such literals here. */
function stringValue(token: string): string | undefined {
  const prefix = /^[a-zA-Z]*/.exec(token)?.[0].toLowerCase() ?? '';
  if (prefix.includes('b') || prefix.includes('f')) return undefined;
  const quoted = token.slice(prefix.length);
  const quote = quoted.startsWith('"""') || quoted.startsWith("'''") ? 3 : 1;
  const body = quoted.slice(quote, -quote);
  return prefix.includes('r') ? body : body.replace(/\\(.)/gs, '$1');
}
