// Eve's second `where` syntax, Python-like comparisons (`name=="prod" and nodes>3`), turned into Mongo JSON.

type Query = Record<string, unknown>;

const TOKEN = /\s*(?:(\(|\))|(==|!=|<=|>=|<|>)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?)\b|([A-Za-z_][\w.]*))/y;
const OPERATORS: Record<string, string> = { '!=': '$ne', '<': '$lt', '<=': '$lte', '>': '$gt', '>=': '$gte' };

/** The Mongo query for a Python-like expression, or undefined when `text` is not one. */
export function parsePythonWhere(text: string): Query | undefined {
  const tokens = tokenize(text);
  if (!tokens) return undefined;
  const parser = new Parser(tokens);
  const query = parser.expression();
  return query && parser.done() ? query : undefined;
}

function tokenize(text: string): string[] | undefined {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const match = TOKEN.exec(text);
    if (!match) return undefined;
    tokens.push(match.slice(1).find((part) => part !== undefined) as string);
  }
  return tokens;
}

class Parser {
  #at = 0;
  constructor(private readonly tokens: string[]) {}

  done(): boolean {
    return this.#at === this.tokens.length;
  }

  expression(): Query | undefined {
    return this.#joined('or', '$or', () => this.#conjunction());
  }

  #conjunction(): Query | undefined {
    return this.#joined('and', '$and', () => this.#factor());
  }

  #joined(word: string, operator: string, next: () => Query | undefined): Query | undefined {
    const parts = [next()];
    while (this.tokens[this.#at] === word) {
      this.#at++;
      parts.push(next());
    }
    if (parts.some((part) => part === undefined)) return undefined;
    return parts.length === 1 ? parts[0] : { [operator]: parts };
  }

  #factor(): Query | undefined {
    if (this.tokens[this.#at] === '(') {
      this.#at++;
      const inner = this.expression();
      if (this.tokens[this.#at++] !== ')') return undefined;
      return inner;
    }
    const [field, operator, literal] = this.tokens.slice(this.#at, this.#at + 3);
    this.#at += 3;
    if (!field || !/^[A-Za-z_]/.test(field) || !operator || !(operator === '==' || operator in OPERATORS) || literal === undefined) return undefined;
    const value = literalValue(literal);
    if (value === NOT_A_LITERAL) return undefined;
    return { [field]: operator === '==' ? value : { [OPERATORS[operator] as string]: value } };
  }
}

const NOT_A_LITERAL = Symbol('not a literal');

function literalValue(token: string): unknown {
  if (token === 'True') return true;
  if (token === 'False') return false;
  if (token === 'None') return null;
  if (/^-?\d/.test(token)) return Number(token);
  if (/^["']/.test(token)) return token.slice(1, -1).replace(/\\(.)/g, '$1');
  return NOT_A_LITERAL;
}
