// Server-side HTML for the pages: page skeletons come from files, values are escaped on the way in.

/** Markup the server built itself (already escaped): inserted as is. */
export class Html {
  constructor(readonly markup: string) {}
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A fragment: every interpolated string is escaped, Html (and lists of it) are kept. */
export function html(strings: TemplateStringsArray, ...values: Array<string | number | Html | readonly Html[]>): Html {
  const parts = strings.map((text, index) => {
    const value = values[index];
    if (value === undefined) return text;
    if (value instanceof Html) return text + value.markup;
    if (Array.isArray(value)) return text + value.map((item: Html) => item.markup).join('');
    return text + escapeHtml(String(value));
  });
  return new Html(parts.join(''));
}

/** Replaces each `{{name}}` of a page file; an unknown name is a bug in the page, so it throws. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | Html | readonly Html[]>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`page template needs a value for {{${name}}}`);
    return html`${value}`.markup;
  });
}
