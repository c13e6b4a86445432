/// <reference lib="dom" />
// DOM helpers for the dashboard: elements are built from data, so text is never parsed as HTML.
// (The DOM library reference above is what lets the one tsc build compile this browser code too.)

export type Child = Node | string | number | null | undefined | false;

/** An element with attributes (`class`, `title`, `data-*`, …) and children; falsy children are skipped. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function button(label: string, onClick: () => void, attributes: Record<string, string> = {}): HTMLButtonElement {
  const element = el('button', { type: 'button', ...attributes }, label);
  element.addEventListener('click', onClick);
  return element;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the dashboard page has no #${id}`);
  return element as T;
}

const shown = new WeakMap<Element, string>();

/**
 * Re-renders `container` only when `data` changed since the last time, so a poll that brings
 * nothing new leaves the page alone (no flicker, no click lost to a rebuilt button).
 */
export function renderOnChange(container: Element, data: unknown, render: () => Child[]): void {
  const key = JSON.stringify(data);
  if (shown.get(container) === key) return;
  shown.set(container, key);
  container.replaceChildren(...render().filter((child): child is Node | string | number => child !== null && child !== undefined && child !== false).map((child) => (child instanceof Node ? child : String(child))));
}
