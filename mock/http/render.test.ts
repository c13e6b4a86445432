import { describe, expect, it } from 'vitest';
import { profiles } from '../options.js';
import { stampDocument } from '../store/document.js';
import type { Fields } from '../store/document.js';
import { DocRenderer, renderDoc } from './render.js';
import type { RenderTarget } from './render.js';

const target = (profile: keyof typeof profiles): RenderTarget => ({
  resource: 'kubebackups',
  title: 'Kubebackup',
  profile: profiles[profile],
  related: [{ field: 'cluster', resource: 'kubeclusters', title: 'Kubecluster' }],
});

describe('rendering a document just written', () => {
  it.each([
    ['strict', 'self'],
    ['strict', 'item'],
    ['seed', 'item'],
  ] as const)('from its fields JSON gives what renderDoc gives (%s profile, %s links)', (profile, links) => {
    const fields: Fields = { name: 'nightly', cluster: 'c'.repeat(24), source: { all_namespaces: true }, 7: 'integer key' };
    const doc = stampDocument({ ...fields }, 'b'.repeat(24), { created: Date.UTC(2026, 0, 2, 3, 4, 5), updated: Date.UTC(2026, 0, 3) }, 1);
    const rendered = new DocRenderer(target(profile)).json(doc, links);
    expect(rendered).toBe(JSON.stringify(renderDoc(doc, target(profile), links)));
    expect(JSON.parse(rendered)).toMatchObject({ _id: 'b'.repeat(24), _etag: doc._etag, _created: 'Fri, 02 Jan 2026 03:04:05 GMT', _links: { related: { cluster: { title: 'Kubecluster' } } } });
  });
});
