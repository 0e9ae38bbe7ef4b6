// regsync's referrerFilters as the copy engine applies them: a referrer is kept when any filter matches; within a
// filter the artifactType must be equal when given and every annotation present, with that value unless it is empty.
// Annotation names are looked up as own keys, so a name such as `constructor` never matches by inheritance.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { referrersOf } from '../../src/copy/referrers.js';
import type { CopyContext } from '../../src/copy/options.js';
import { silentLogger } from '../../src/log.js';
import type { Descriptor } from '../../src/oci/manifest.js';
import { parseReference } from '../../src/oci/reference.js';
import type { Store } from '../../src/store/store.js';

const d = (n: number, artifactType?: string, annotations?: Record<string, string>): Descriptor => ({
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: `sha256:${String(n).repeat(64).slice(0, 64)}`,
  size: 100,
  ...(artifactType ? { artifactType } : {}),
  ...(annotations ? { annotations } : {}),
});

const listed = [
  d(1, 'sbom', { kind: 'sbom' }),
  d(2, 'sig', { kind: 'sig', signer: 'ci' }),
  d(3, 'sig'),
  d(4, undefined, JSON.parse('{"__proto__":"x"}') as Record<string, string>),
];
const ctx: CopyContext = { logger: silentLogger, stores: { storeFor: () => ({ listReferrers: () => Promise.resolve(listed) }) as unknown as Store } };
const image = parseReference('registry.example/app/img');
const subject = `sha256:${'a'.repeat(64)}`;
const kept = async (filters: Parameters<typeof referrersOf>[3]) => (await referrersOf(ctx, image, subject, filters)).map((x) => x.digest.slice(7, 8));

describe('referrer filters', () => {
  it('no filter, or an empty list, keeps every referrer', async () => {
    assert.deepEqual(await kept(undefined), ['1', '2', '3', '4']);
    assert.deepEqual(await kept([]), ['1', '2', '3', '4']);
  });
  it('artifactType must be equal; annotations must all be there, an empty value asking only for the name', async () => {
    assert.deepEqual(await kept([{ artifactType: 'sig', annotations: {} }]), ['2', '3']);
    assert.deepEqual(await kept([{ annotations: { kind: 'sig' } }]), ['2']);
    assert.deepEqual(await kept([{ annotations: { signer: '' } }]), ['2']);
    assert.deepEqual(await kept([{ artifactType: 'sbom', annotations: { kind: 'sig' } }]), []);
  });
  it('any matching filter keeps a referrer', async () => {
    assert.deepEqual(await kept([{ artifactType: 'sbom', annotations: {} }, { annotations: { signer: 'ci' } }]), ['1', '2']);
  });
  it('inherited names are not annotations; own names are, whatever they are', async () => {
    assert.deepEqual(await kept([{ annotations: { constructor: '' } }]), []);
    assert.deepEqual(await kept([{ annotations: { toString: '' } }]), []);
    // A registry may send `__proto__` as a real annotation name: then it is one, found only where it is set.
    assert.deepEqual(await kept([{ annotations: JSON.parse('{"__proto__":"x"}') as Record<string, string> }]), ['4']);
  });
});
