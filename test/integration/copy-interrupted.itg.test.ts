// A copy whose connection drops halfway through a big blob, on the source's download or on the target's upload (the
// harness proxy cuts it; a real registry cannot be made to on cue): a single drop is retried and the copy completes;
// drops that do not stop fail the copy with the target tag untouched, and a re-run completes.
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyImage, type CopyContext } from '../../src/copy/copy.js';
import { RegistryError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { StoreSet } from '../../src/store/open.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import type { FixtureImage } from '../harness/fixtures.js';
import { startProxy, type ProxyFault, type RunningProxy } from '../harness/proxy.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoDigest } from '../harness/skopeo.js';
import { openStores, pullAndVerify, refOf, seedImage } from './copy-setup.js';

const REPO = 'upstream/big';
const MiB = 1024 * 1024;

/** Decides, per request, whether the proxy cuts it; swapped by each test. */
type FaultRule = (req: IncomingMessage) => ProxyFault | undefined;

function recordingLogger(warnings: string[]): Logger {
  return { debug() {}, info() {}, warn: (m) => void warnings.push(m), error() {} };
}

describe('copy interrupted mid-blob', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let srcProxy: RunningProxy;
  let dstProxy: RunningProxy;
  let work: string;
  let image: FixtureImage;
  let older: FixtureImage;
  let stores: StoreSet;
  let srcRule: FaultRule = () => undefined;
  let dstRule: FaultRule = () => undefined;
  const bigLayer = (): string => image.manifests[0]!.layers[0]!.digest;

  before(async () => {
    work = await makeTempDir('regkit-copy-interrupted-');
    [src, dst] = await Promise.all([startRegistry(), startRegistry()]);
    [srcProxy, dstProxy] = await Promise.all([
      startProxy(src.host, { faults: (req) => srcRule(req) }),
      startProxy(dst.host, { faults: (req) => dstRule(req) }),
    ]);
    image = await seedImage(src, join(work, 'layout'), [`${REPO}:v2`], {
      tag: 'v2',
      platforms: ['linux/amd64', 'linux/arm64'],
      layers: 1,
      layerSize: 4 * MiB,
      seed: 'copy-interrupted',
    });
    older = await seedImage(dst, join(work, 'older'), ['mirror/fails:v2'], { tag: 'v2', layers: 1, layerSize: 1024, seed: 'copy-interrupted-older' });
    stores = openStores([srcProxy, dstProxy]);
  });
  after(async () => {
    await stores?.close();
    await Promise.all([srcProxy?.stop(), dstProxy?.stop()]);
    await Promise.all([src?.stop(), dst?.stop()]);
    await removeTempDir(work);
  });

  /** Cuts the first `times` requests that match, then lets the rest through. */
  function cutFirst(times: number, fault: ProxyFault, matches: (req: IncomingMessage) => boolean): FaultRule {
    let left = times;
    return (req) => (matches(req) && left-- > 0 ? fault : undefined);
  }
  const isBigDownload = (req: IncomingMessage): boolean => req.method === 'GET' && (req.url ?? '').endsWith(`/blobs/${bigLayer()}`);
  const isBigUpload = (req: IncomingMessage): boolean => req.method === 'PUT' && (req.url ?? '').includes(bigLayer().slice('sha256:'.length));

  function context(warnings: string[]): CopyContext {
    return { stores, logger: recordingLogger(warnings) };
  }

  test('the proxy cuts a blob download halfway: the client gets headers and part of the body, then a closed socket', async () => {
    srcRule = cutFirst(1, 'drop-mid-response', isBigDownload);
    const res = await fetch(`${srcProxy.url}/v2/${REPO}/blobs/${bigLayer()}`);
    assert.equal(res.status, 200);
    let received = 0;
    await assert.rejects(async () => {
      for await (const chunk of res.body!) received += (chunk as Uint8Array).length;
    });
    assert.ok(received > 0 && received < 4 * MiB, `received ${received} bytes`);
    const again = await fetch(`${srcProxy.url}/v2/${REPO}/blobs/${bigLayer()}`);
    assert.ok((await again.arrayBuffer()).byteLength > 4 * MiB);
  });

  test('one drop on the source download is retried and the copy completes', async () => {
    srcRule = cutFirst(1, 'drop-mid-response', isBigDownload);
    srcProxy.clearRequests();
    const warnings: string[] = [];
    const result = await copyImage(context(warnings), refOf(srcProxy.host, REPO, { tag: 'v2' }), refOf(dstProxy.host, 'mirror/down', { tag: 'v2' }));
    assert.equal(result.status, 'copied');
    assert.equal(result.digest, image.digest);
    assert.equal(srcProxy.requests().filter((r) => r.method === 'GET' && r.path.endsWith(bigLayer())).length, 2);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, new RegExp(`blob ${bigLayer()} .* retrying \\(1/2\\)`));
    const pulled = await pullAndVerify(dst, 'mirror/down:v2', join(work, 'pulled-down'));
    for (const blob of image.blobs) assert.ok(pulled.has(blob.digest));
  });

  test('one drop on the target upload is retried and the copy completes', async () => {
    srcRule = () => undefined;
    dstRule = cutFirst(1, 'drop-mid-request', isBigUpload);
    dstProxy.clearRequests();
    const warnings: string[] = [];
    const result = await copyImage(context(warnings), refOf(srcProxy.host, REPO, { tag: 'v2' }), refOf(dstProxy.host, 'mirror/up', { tag: 'v2' }));
    assert.equal(result.status, 'copied');
    assert.equal(result.digest, image.digest);
    assert.equal(dstProxy.requests().filter((r) => r.method === 'PUT' && r.path.includes(bigLayer().slice(7))).length, 2);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.equal(await skopeoDigest(`docker://${dst.host}/mirror/up:v2`), image.digest);
    const pulled = await pullAndVerify(dst, 'mirror/up:v2', join(work, 'pulled-up'));
    for (const blob of image.blobs) assert.ok(pulled.has(blob.digest));
  });

  test('a 401 on a streamed upload (the registry asks for credentials again mid-upload) gets one fresh attempt, and the copy completes', async () => {
    srcRule = () => undefined;
    const expired: ProxyFault = { status: 401, headers: { 'www-authenticate': 'Basic realm="registry"' } };
    dstRule = cutFirst(1, expired, isBigUpload);
    dstProxy.clearRequests();
    const warnings: string[] = [];
    const result = await copyImage(context(warnings), refOf(srcProxy.host, REPO, { tag: 'v2' }), refOf(dstProxy.host, 'mirror/reauth', { tag: 'v2' }));
    assert.equal(result.status, 'copied');
    assert.equal(dstProxy.requests().filter((r) => r.method === 'PUT' && r.path.includes(bigLayer().slice(7))).length, 2);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.equal(await skopeoDigest(`docker://${dst.host}/mirror/reauth:v2`), image.digest);
  });

  test('a 401 on every streamed upload: one fresh attempt only, then the 401 stands', async () => {
    dstRule = (req) => (isBigUpload(req) ? { status: 401 } : undefined);
    dstProxy.clearRequests();
    await assert.rejects(
      copyImage(context([]), refOf(srcProxy.host, REPO, { tag: 'v2' }), refOf(dstProxy.host, 'mirror/reauth-fails', { tag: 'v2' })),
      (err: Error) => {
        assert.ok(err instanceof RegistryError, `${err.name}: ${err.message}`);
        assert.equal(err.status, 401);
        return true;
      },
    );
    assert.equal(dstProxy.requests().filter((r) => r.method === 'PUT' && r.path.includes(bigLayer().slice(7))).length, 2);
    dstRule = () => undefined;
  });

  test('a 501 on the source blob is not retried: the copy fails on the first answer, naming it', async () => {
    dstRule = () => undefined;
    srcRule = (req) => (isBigDownload(req) ? { status: 501 } : undefined);
    srcProxy.clearRequests();
    const warnings: string[] = [];
    await assert.rejects(
      copyImage(context(warnings), refOf(srcProxy.host, REPO, { tag: 'v2' }), refOf(dstProxy.host, 'mirror/not-implemented', { tag: 'v2' })),
      (err: Error) => {
        assert.ok(err instanceof RegistryError, `${err.name}: ${err.message}`);
        assert.equal(err.status, 501);
        assert.equal(err.failure, 'fatal');
        assert.ok(err.message.includes(bigLayer()), err.message);
        return true;
      },
    );
    assert.equal(srcProxy.requests().filter((r) => r.method === 'GET' && r.path.endsWith(bigLayer())).length, 1);
    assert.deepEqual(warnings, []);
  });

  test('drops on every attempt fail the copy, the target tag stays as it was, and a re-run completes', async () => {
    dstRule = () => undefined;
    srcRule = (req) => (isBigDownload(req) ? 'drop-mid-response' : undefined);
    const from = refOf(srcProxy.host, REPO, { tag: 'v2' });
    const to = refOf(dstProxy.host, 'mirror/fails', { tag: 'v2' });
    await assert.rejects(copyImage(context([]), from, to), (err: Error) => {
      // The socket's own words, with what was being read and from where, not a bare "other side closed".
      assert.ok(err instanceof RegistryError, `${err.name}: ${err.message}`);
      assert.equal(err.operation, 'blob-get');
      assert.equal(err.registry, srcProxy.host);
      assert.equal(err.repository, REPO);
      assert.ok(err.message.includes(bigLayer()) && /after 3 attempts/.test(err.message), err.message);
      return true;
    });
    assert.equal(await skopeoDigest(`docker://${dst.host}/mirror/fails:v2`), older.digest);
    assert.equal(await stores.storeFor(to).headManifest(refOf(dstProxy.host, 'mirror/fails', { digest: image.digest })), undefined);
    assert.equal(await stores.storeFor(to).headBlob(to, bigLayer()), undefined);

    srcRule = () => undefined;
    const rerun = await copyImage(context([]), from, to);
    assert.equal(rerun.status, 'copied');
    assert.deepEqual(rerun.details, { kind: 'transfer', previousDigest: older.digest });
    assert.equal(await skopeoDigest(`docker://${dst.host}/mirror/fails:v2`), image.digest);
    await pullAndVerify(dst, 'mirror/fails:v2', join(work, 'pulled-fails'));
  });
});
