// The StoreDecorator base forwards every Store call to its inner store, arguments and result unchanged, so a
// decorator overriding only its writes (guarded, dry-run, journaling) passes every other call through; and the
// dry-run store makes none of the writes.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import type { Reference } from '../../src/oci/reference.js';
import { DryRunStore } from '../../src/prune/lua/dry-run.js';
import { StoreDecorator } from '../../src/store/decorator.js';
import type { Store } from '../../src/store/store.js';

const CALLS = [
  'headManifest',
  'getManifest',
  'putManifest',
  'deleteManifest',
  'headBlob',
  'getBlob',
  'putBlob',
  'mountBlob',
  'listTags',
  'listRepositories',
  'listReferrers',
  'deleteTag',
  'close',
] as const;
const WRITES = new Set(['putManifest', 'deleteManifest', 'putBlob', 'mountBlob', 'deleteTag']);

/** A store that records each call and answers with its name. */
function recordingStore(seen: Array<[string, unknown[]]>): Store {
  const store: Record<string, unknown> = { kind: 'registry' };
  for (const name of CALLS) {
    store[name] = (...args: unknown[]) => {
      seen.push([name, args]);
      return Promise.resolve(`${name} result`);
    };
  }
  return store as unknown as Store;
}

const ref: Reference = { scheme: 'registry', registry: 'r.example', repository: 'app', tag: 'v1' };

describe('StoreDecorator', () => {
  it('forwards every Store call with its arguments and result', async () => {
    const seen: Array<[string, unknown[]]> = [];
    const d = new StoreDecorator(recordingStore(seen)) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    assert.equal((d as unknown as Store).kind, 'registry');
    for (const name of CALLS) {
      const args = Array.from({ length: StoreDecorator.prototype[name].length }, (_, i): unknown => (i === 0 ? ref : `arg ${i} of ${name}`));
      assert.equal(await d[name]!(...args), `${name} result`);
      assert.deepEqual(seen.at(-1), [name, args]);
    }
    assert.equal(seen.length, CALLS.length);
  });

  it('the dry-run store passes reads through and makes no write', async () => {
    const seen: Array<[string, unknown[]]> = [];
    const d = new DryRunStore(recordingStore(seen));
    assert.equal(await d.putManifest(ref, Buffer.from('{}'), 'application/json'), 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    await d.deleteManifest(ref);
    await d.deleteTag(ref);
    const content = Readable.from([Buffer.from('x')]);
    await d.putBlob(ref, { mediaType: 'x', digest: 'sha256:0', size: 1 }, content);
    assert.ok(content.destroyed, 'the content is not read');
    assert.equal(await d.mountBlob(ref, 'sha256:0', ref), false);
    assert.equal(seen.length, 0);
    await d.listTags(ref);
    await d.headManifest(ref);
    assert.deepEqual(
      seen.map(([n]) => n),
      ['listTags', 'headManifest'],
    );
    assert.ok([...WRITES].every((w) => !seen.some(([n]) => n === w)));
  });
});
