// Two defaults a user relies on without asking, checked through the CLI: TLS is verified unless a host says
// `tls=insecure`, and an `ocidir://` reference cannot reach outside its layout, whether the `..` comes from the command
// line or from a manifest a registry served. (The store-level checks are in test/unit/transport-tls.test.ts and
// test/unit/ocidir.test.ts; credentials across hosts in test/unit/transport-auth.test.ts.)
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { digestOf } from '../../src/oci/digest.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { selfSignedCert } from '../harness/self-signed.js';
import { startLocalServer, type LocalServer } from '../unit/transport-local-server.js';
import { runRegkit } from './copy-setup.js';

const manifest = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: { mediaType: MediaType.OciConfig, digest: `sha256:${'1'.repeat(64)}`, size: 2 },
    layers: [],
  }),
);

describe('TLS on by default, layouts closed', { timeout: 120_000 }, () => {
  let work: string;
  let https: Server;
  let httpsHost: string;

  before(async () => {
    work = await makeTempDir('regkit-tls-paths-');
    const { key, cert } = await selfSignedCert(work);
    https = createHttpsServer({ key, cert }, (_req, res) => {
      res.writeHead(200, { 'content-type': MediaType.OciManifest, 'content-length': manifest.length, 'docker-content-digest': digestOf(manifest) });
      res.end(manifest);
    });
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    httpsHost = `127.0.0.1:${(https.address() as AddressInfo).port}`;
  });
  after(async () => {
    https?.closeAllConnections();
    await new Promise<void>((resolve) => (https ? https.close(() => resolve()) : resolve()));
    await removeTempDir(work);
  });

  test('a self-signed registry is refused with no --host, and reached with tls=insecure', async () => {
    const refused = await runRegkit(['image', 'digest', `${httpsHost}/a/b:v1`], work);
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /self[- ]signed|certificate/i);
    assert.match(refused.stderr, /tls=enabled\|insecure\|disabled/);
    const allowed = await runRegkit(['image', 'digest', `${httpsHost}/a/b:v1`, '--host', `reg=${httpsHost},tls=insecure`], work);
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.equal(allowed.stdout.trim(), digestOf(manifest));
  });

  test('`..` in an ocidir tag or digest is a usage error, before anything is read or written', async () => {
    const layout = join(work, 'layout');
    for (const ref of [`ocidir://${layout}:../../escape`, `ocidir://${layout}@sha256:../../../etc/passwd`, `ocidir://${layout}:..`]) {
      const run = await runRegkit(['copy', `ocidir://${layout}:v1`, ref], work);
      assert.equal(run.code, 2, `${ref}: exit ${run.code}\n${run.stderr}`);
      // A `:` before the last `/` is part of the directory name, so that reference has no tag at all.
      assert.match(run.stderr, /invalid reference|needs a tag or a digest/);
    }
    await assert.rejects(readdir(layout), /ENOENT/);
  });

  describe('a registry serving a manifest whose layer digest climbs out of the layout', () => {
    let hostile: LocalServer;
    const evil = {
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: { mediaType: MediaType.OciConfig, digest: `sha256:../../../${'e'.repeat(55)}`, size: 2 },
      layers: [],
    };
    const body = Buffer.from(JSON.stringify(evil));

    before(async () => {
      hostile = await startLocalServer((req, res) => {
        if (/\/manifests\//.test(req.url ?? '')) {
          res.writeHead(200, { 'content-type': MediaType.OciManifest, 'content-length': body.length, 'docker-content-digest': digestOf(body) });
          return void res.end(req.method === 'HEAD' ? undefined : body);
        }
        res.writeHead(200, { 'content-length': 2 });
        res.end('{}');
      });
    });
    after(() => hostile?.close());

    test('the copy into an ocidir fails and writes nothing outside the layout', async () => {
      const layout = join(work, 'target-layout');
      const run = await runRegkit(['copy', `${hostile.host}/a/b:v1`, `ocidir://${layout}:v1`, '--host', `reg=${hostile.host},tls=disabled`], work);
      assert.notEqual(run.code, 0, run.stdout);
      assert.match(run.stderr, /lists the digest "sha256:\.\.\/\.\.\/\.\.\/e+", which is not sha256:<64 hex>/);
      // `blobs/sha256/../../../eee…` would land beside the layout, in the work directory.
      assert.deepEqual(
        (await readdir(work)).filter((f) => !['cert.pem', 'key.pem', 'target-layout'].includes(f)),
        [],
      );
    });
  });
});
