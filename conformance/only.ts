// `--only "KC-ETAG-*,KC-STATE-3"`: comma-separated globs over requirement ids.

export function matchesOnly(id: string, only: string | undefined): boolean {
  if (!only) return true;
  return only.split(',').some((glob) => globToRegExp(glob.trim()).test(id));
}

function globToRegExp(glob: string): RegExp {
  const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i');
}
