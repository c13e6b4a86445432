// The origin of a request (for Location and agent URLs), without parsing a URL on every write.

/**
 * `new URL(url).origin`, remembered for the last scheme and authority seen: the origin depends on
 * nothing after them, and a server's requests nearly all share one.
 */
export function originOf(): (url: string) => string {
  let lastPrefix: string | undefined;
  let lastOrigin = '';
  return (url) => {
    const authorityStart = url.indexOf('//') + 2;
    const pathStart = url.indexOf('/', authorityStart);
    const prefix = pathStart === -1 ? url : url.slice(0, pathStart);
    if (prefix !== lastPrefix || authorityStart === 1) {
      lastOrigin = new URL(url).origin;
      lastPrefix = authorityStart === 1 ? undefined : prefix;
    }
    return lastOrigin;
  };
}
