import { describe, expect, it } from 'vitest';
import { TextResponse } from './text-response.js';

const TEXT = '{"name":"café ☸","_status":"OK"}';
const INIT = { status: 201, statusText: 'Created', headers: { 'content-type': 'application/json', etag: '"e1"' } };

/** What a scenario ends with: its value, or the name of what it threw. */
async function outcome(run: () => unknown): Promise<unknown> {
  try {
    const value = await run();
    if (value instanceof ArrayBuffer) return { bytes: [...new Uint8Array(value)] };
    if (value instanceof Uint8Array) return { bytes: [...value] };
    if (value instanceof Blob) return { type: value.type, text: await value.text() };
    return value;
  } catch (error) {
    return { threw: (error as Error).name };
  }
}

/** Name and value pairs in order (the project's TypeScript lib has no DOM iterables). */
function listed(pairs: Headers | FormData): Array<[string, string]> {
  const list: Array<[string, string]> = [];
  pairs.forEach((value: FormDataEntryValue, name: string) => list.push([name, String(value)]));
  return list;
}

async function readStream(stream: ReadableStream<Uint8Array> | null): Promise<string | null> {
  return stream === null ? null : new Response(stream).text();
}

/** Each scenario runs on a Response made from the same string and on a TextResponse; both must end alike. */
const scenarios: Record<string, (response: Response) => Promise<unknown>> = {
  'the status line and headers': async (r) => ({ status: r.status, statusText: r.statusText, ok: r.ok, type: r.type, url: r.url, redirected: r.redirected, headers: listed(r.headers) }),
  'text()': (r) => r.text(),
  'json()': (r) => r.json(),
  'arrayBuffer()': (r) => r.arrayBuffer(),
  'blob()': (r) => r.blob(),
  'bodyUsed before and after a read': async (r) => [r.bodyUsed, await r.text(), r.bodyUsed],
  'a second read fails': async (r) => (await r.text(), outcome(() => r.json())),
  'the body as a stream': (r) => readStream(r.body),
  'the body stream, then text() fails': async (r) => [await readStream(r.body), r.bodyUsed, await outcome(() => r.text())],
  'a locked body stream makes text() fail': async (r) => (r.body?.getReader(), outcome(() => r.text())),
  'the body after text() is there, locked and used': async (r) => (await r.text(), [r.body === null, r.body?.locked, r.bodyUsed]),
  'clone() reads apart from the original': async (r) => {
    const copy = r.clone();
    return [await copy.text(), await r.text(), copy.status, listed(copy.headers)];
  },
  'clone() after the stream was taken': async (r) => {
    const stream = r.body;
    const copy = r.clone();
    return [await copy.text(), await readStream(stream)];
  },
  'clone() after a read fails': async (r) => (await r.text(), outcome(() => r.clone())),
  'formData() after a read fails': async (r) => (await r.text(), outcome(() => r.formData())),
  'a Response made from its body and itself (as Hono does)': async (r) => {
    const remade = new Response(r.body, r);
    return [remade.status, listed(remade.headers), await remade.text()];
  },
};

describe('TextResponse answers as a Response made from the same string', () => {
  for (const [name, scenario] of Object.entries(scenarios)) {
    it(name, async () => {
      const expected = await outcome(() => scenario(new Response(TEXT, INIT)));
      const actual = await outcome(() => scenario(new TextResponse(TEXT, INIT)));
      expect(actual).toEqual(expected);
    });
  }

  it('is a Response', () => {
    expect(new TextResponse(TEXT, INIT)).toBeInstanceOf(Response);
  });

  it('takes the default content type of a string body when none is given', async () => {
    const expected = new Response('plain', { status: 200 });
    const actual = new TextResponse('plain', { status: 200 });
    expect(listed(actual.headers)).toEqual(listed(expected.headers));
    expect(await actual.blob().then((blob) => blob.type)).toBe(await expected.blob().then((blob) => blob.type));
  });

  it('reads a form body through formData()', async () => {
    const init = { headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    const form = await new TextResponse('a=1&b=two', init).formData();
    expect(listed(form)).toEqual(listed(await new Response('a=1&b=two', init).formData()));
  });
});
