import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout } from '../harness/fixtures.js';
import { assertOk, layoutIn, luaTestEnv, messages } from './lua-helpers.js';

// regbot scripts read Go durations with the same parser as regsync and regbot files (config/duration.ts).
const env = luaTestEnv();
let tmp: string;
before(async () => {
  tmp = await makeTempDir('regkit-go-duration-');
});
after(async () => {
  await env.close();
  await removeTempDir(tmp);
});

describe('image.ratelimitWait durations', () => {
  it('takes Go durations for poll and timeout (a layout has no rate limit, so it returns at once)', async () => {
    const dir = layoutIn(tmp, 'img');
    await makeImageLayout(dir, { tag: 'v1' });
    const r = assertOk(await env.run(`log(tostring(image.ratelimitWait("ocidir://${dir}:v1", 5, "1m30s", "1.5h")))`));
    assert.deepEqual(messages(r), ['true']);
  });

  for (const bad of ['5 minutes', '10', '-5m']) {
    it(`refuses ${JSON.stringify(bad)} at the script line`, async () => {
      const dir = layoutIn(tmp, `bad-${bad.length}`);
      await makeImageLayout(dir, { tag: 'v1' });
      const r = await env.run(`\nimage.ratelimitWait("ocidir://${dir}:v1", 5, "${bad}")`);
      assert.equal(r.ok, false);
      assert.match(r.error!, new RegExp(`^test-script:2: .*invalid duration "${bad}"`));
    });
  }
});
