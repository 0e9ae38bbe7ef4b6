// The way tags are deleted is chosen once per registry from its answers and kept in the RegistrySession: a registry
// that deletes by tag (202, as distribution 3, Quay, GitLab and Artifact Registry answer) gets one DELETE per tag and
// never a probe or a throwaway; after that choice a refusal is that tag's error, not a reason to switch ways.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RegistryError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { RegistryStore } from '../../src/store/registry/registry.js';
import { RegistrySession } from '../../src/store/registry/session.js';
import { DELETE_PROBE_DIGEST } from '../../src/store/registry/tag-delete.js';
import { startLocalServer, testClient } from './transport-local-server.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('tag delete way', () => {
  it('a registry that deletes by tag: one DELETE per tag, no probe, no PUT; remembered as by-tag; later refusals are errors', async () => {
    const gone = new Set<string>();
    const server = await startLocalServer((req, res) => {
      const tag = /\/manifests\/([^/]+)$/.exec(req.url ?? '')?.[1] ?? '';
      if (req.method === 'HEAD') {
        if (gone.has(tag)) return void res.writeHead(404).end();
        return void res
          .writeHead(200, { 'docker-content-digest': DIGEST, 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'content-length': '10' })
          .end();
      }
      if (req.method === 'DELETE' && tag === 'v3')
        return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
      if (req.method === 'DELETE') {
        gone.add(tag);
        return void res.writeHead(202).end();
      }
      res.writeHead(405).end();
    });
    try {
      const session = new RegistrySession({ client: testClient(server.host, { retries: 0 }), logger: silentLogger });
      const store = new RegistryStore(session);
      const ref = (tag: string) => ({ scheme: 'registry' as const, registry: server.host, repository: 'team/app', tag });
      await store.deleteTag(ref('v1'));
      assert.deepEqual(session.tagDeletes.way, { kind: 'by-tag' });
      await store.deleteTag(ref('v2'));
      await assert.rejects(store.deleteTag(ref('v3')), (e: unknown) => e instanceof RegistryError && e.status === 404);
      assert.deepEqual(session.tagDeletes.way, { kind: 'by-tag' }, 'a 404 after by-tag worked does not switch to the throwaway');
      const writes = server.seen.filter((s) => s.method !== 'HEAD' && s.method !== 'GET').map((s) => `${s.method} ${s.url}`);
      assert.deepEqual(writes, ['DELETE /v2/team/app/manifests/v1', 'DELETE /v2/team/app/manifests/v2', 'DELETE /v2/team/app/manifests/v3']);
      assert.ok(!server.seen.some((s) => s.url.includes(DELETE_PROBE_DIGEST)));
      await session.close();
    } finally {
      await server.close();
    }
  });
});
