import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { DEFAULT_USER_AGENT, REGKIT_VERSION } from '../../src/transport/user-agent.js';

test('the User-Agent carries the version package.json declares', async () => {
  const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(REGKIT_VERSION, pkg.version);
  assert.equal(DEFAULT_USER_AGENT, `regkit/${pkg.version}`);
});
