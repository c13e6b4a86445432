import { describe, expect, it } from 'vitest';
import { allowedBy } from './allowed-differences.js';
import type { Delta } from './differ.js';
import type { Normalised } from './normalise.js';
import type { Step } from './steps.js';

const status: Delta = { part: 'status', a: 200, b: 412 };
const sent = { name: 'compare-t-a-kubecluster-2', description: 'replaced' };
const putAgain: Step = {
  index: 9, shape: 'PUT kubeclusters/{id}: same full body again', sender: 'a', method: 'PUT', path: '/api/v1/kubeclusters/{{id a:kubeclusters#2}}',
  headers: { 'If-Match': '{{etag a:kubeclusters#2}}' }, body: JSON.stringify(sent), resource: 'kubeclusters',
};
const eve412: Normalised = { status: 412, headers: {}, body: { _status: 'ERR', _error: { code: 412, message: "Client and server etags don't match" } } };
const mock200 = (body: Record<string, unknown>): Normalised => ({ status: 200, headers: {}, body: { ...body, _id: '<a:kubeclusters#2>', _status: 'OK' } });

const bulk: Step = {
  index: 3, shape: 'POST kubeclusters: bulk repeated name', sender: 'a', method: 'POST', path: '/api/v1/kubeclusters', headers: {},
  body: JSON.stringify([{ name: 'c3' }, { name: 'c3', description: 'x' }]), resource: 'kubeclusters',
};
const mock422 = (issue: string): Normalised => ({ status: 422, headers: {}, body: { _status: 'ERR', _items: [{ _status: 'OK' }, { _status: 'ERR', _issues: { name: issue } }] } });
const eve201: Normalised = { status: 201, headers: {}, body: { _status: 'OK', _items: [{ name: 'c3' }, { name: 'c3' }] } };

describe('the allow-list rows of issue 26', () => {
  it("COMPARE-ALLOW-1 Eve's 412 to a same-second repeated PUT is allowed only where the mock's answer holds what was sent", () => {
    expect(allowedBy({ step: putAgain, delta: status, a: mock200(sent), b: eve412 })?.id).toBe('eve-same-second-noop-put');
    expect(allowedBy({ step: putAgain, delta: status, a: mock200({ ...sent, description: 'other' }), b: eve412 })).toBeUndefined();
    expect(allowedBy({ step: putAgain, delta: status, a: mock200(sent), b: { ...eve412, body: { _error: { code: 412, message: 'other' } } } })).toBeUndefined();
    expect(allowedBy({ step: { ...putAgain, shape: 'PUT kubeclusters/{id}: full body' }, delta: status, a: mock200(sent), b: eve412 })).toBeUndefined();
  });

  it('COMPARE-ALLOW-2 a bulk POST repeating a name: allowed only where the mock refuses naming that name and the reference stores both', () => {
    const delta: Delta = { part: 'status', a: 422, b: 201 };
    expect(allowedBy({ step: bulk, delta, a: mock422("value 'c3' is not unique"), b: eve201 })?.id).toBe('bulk-repeated-name');
    expect(allowedBy({ step: bulk, delta, a: mock422("value 'c4' is not unique"), b: eve201 })).toBeUndefined();
    expect(allowedBy({ step: bulk, delta, a: mock422("value 'c3' is not unique"), b: { ...eve201, status: 422 } })).toBeUndefined();
  });
});
