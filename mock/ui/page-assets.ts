// The files behind the pages for people; a host that can read them (mock/node/assets.ts) provides them.

export type StaticFileName = 'landing.html' | 'docs.html' | 'dashboard.html' | 'ui.css' | 'dashboard.css';

export interface PageAssets {
  /** A page's HTML or CSS from mock/ui/static/. */
  staticFile(name: StaticFileName): string;
  /** A built module of the dashboard's script (path relative to dist/mock), or undefined for any other path. */
  clientModule(path: string): string | undefined;
  /** Redoc's standalone bundle, for /docs. */
  redocBundle(): string;
  packageVersion(): string;
}
