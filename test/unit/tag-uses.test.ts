import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '../../src/log.js';
import { parseReference } from '../../src/oci/reference.js';
import { OcidirStore } from '../../src/store/ocidir/ocidir.js';
import { describeTagUse, tagsUsingDigest } from '../../src/store/tag-uses.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { addTagToLayout, makeImageLayout } from '../harness/fixtures.js';
import { layoutIn } from './lua-helpers.js';

let tmp: string;
before(async () => {
  tmp = await makeTempDir('regkit-tag-uses-');
});
after(() => removeTempDir(tmp));

describe('tagsUsingDigest: the one search image delete, Lua deletes and protect ask', () => {
  it('names tags pointing at a digest and tags reaching it through their index, sorted, as typed values', async () => {
    const dir = layoutIn(tmp, 'multi');
    const image = await makeImageLayout(dir, { tag: 'multi', platforms: ['linux/amd64', 'linux/arm64'] });
    const child = image.manifests[0]!.digest;
    await addTagToLayout(dir, 'b-child', child);
    await addTagToLayout(dir, 'a-child', child);
    const store = new OcidirStore(dir, { logger: silentLogger });
    const ref = parseReference(`ocidir://${dir}@${child}`);
    const uses = await tagsUsingDigest(store, ref, child);
    assert.deepEqual(uses, [{ tag: 'a-child' }, { tag: 'b-child' }, { tag: 'multi', throughIndex: image.digest }]);
    assert.deepEqual(uses.map(describeTagUse), ['a-child', 'b-child', `multi (through its index ${image.digest})`]);
  });

  it('leaves out the tags and the manifests the caller says no longer count', async () => {
    const dir = layoutIn(tmp, 'skips');
    const image = await makeImageLayout(dir, { tag: 'multi', platforms: ['linux/amd64', 'linux/arm64'] });
    const child = image.manifests[0]!.digest;
    await addTagToLayout(dir, 'direct', child);
    const store = new OcidirStore(dir, { logger: silentLogger });
    const ref = parseReference(`ocidir://${dir}@${child}`);
    assert.deepEqual(await tagsUsingDigest(store, ref, child, { skipTag: (t) => t === 'direct' }), [{ tag: 'multi', throughIndex: image.digest }]);
    assert.deepEqual(await tagsUsingDigest(store, ref, child, { skipDigest: (d) => d === image.digest }), [{ tag: 'direct' }]);
  });
});
