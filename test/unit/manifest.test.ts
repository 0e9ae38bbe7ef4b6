import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exitCodeFor, InvalidContentError } from '../../src/errors.js';
import { parseManifest, referencedDescriptors } from '../../src/oci/manifest.js';
import { isExternalLayerMediaType, isImageMediaType, isIndexMediaType, MediaType } from '../../src/oci/mediatypes.js';

const D = (c: string): string => `sha256:${c.repeat(64)}`;
const bytes = (v: unknown): Uint8Array => Buffer.from(JSON.stringify(v));

const image = {
  schemaVersion: 2,
  mediaType: MediaType.OciManifest,
  config: { mediaType: MediaType.OciConfig, digest: D('c'), size: 10 },
  layers: [
    { mediaType: MediaType.OciLayerGzip, digest: D('1'), size: 100 },
    { mediaType: MediaType.OciLayerGzip, digest: D('2'), size: 200 },
  ],
};
const index = {
  schemaVersion: 2,
  mediaType: MediaType.OciIndex,
  manifests: [
    { mediaType: MediaType.OciManifest, digest: D('a'), size: 300, platform: { os: 'linux', architecture: 'amd64' } },
    { mediaType: MediaType.OciManifest, digest: D('b'), size: 300, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
  ],
};

describe('parseManifest', () => {
  it('reads an image manifest and keeps its exact bytes', () => {
    // Indented on purpose: digests are over these bytes, so they must come back untouched.
    const raw = Buffer.from(JSON.stringify(image, null, 3));
    const m = parseManifest(raw);
    assert.equal(m.kind, 'image');
    assert.equal(m.mediaType, MediaType.OciManifest);
    assert.equal(m.bytes, raw);
    assert.deepEqual(
      referencedDescriptors(m).map((d) => d.digest),
      [D('c'), D('1'), D('2')],
    );
  });

  it('reads an index and lists its children', () => {
    const m = parseManifest(bytes(index));
    assert.equal(m.kind, 'index');
    assert.deepEqual(
      referencedDescriptors(m).map((d) => d.digest),
      [D('a'), D('b')],
    );
  });

  it('reads Docker schema 2 manifests and manifest lists', () => {
    const list = parseManifest(bytes({ ...index, mediaType: MediaType.DockerManifestList }));
    assert.equal(list.kind, 'index');
    assert.equal(list.mediaType, MediaType.DockerManifestList);
    const docker = parseManifest(bytes({ ...image, mediaType: MediaType.DockerManifest }));
    assert.equal(docker.kind, 'image');
  });

  it("prefers the body's mediaType over the Content-Type header", () => {
    const m = parseManifest(bytes(index), 'application/json; charset=utf-8');
    assert.equal(m.mediaType, MediaType.OciIndex);
  });

  it('uses the header when the body has no mediaType, and the structure when neither says', () => {
    const { mediaType: _m, ...bare } = image;
    assert.equal(parseManifest(bytes(bare), `${MediaType.DockerManifest}; charset=utf-8`).mediaType, MediaType.DockerManifest);
    assert.equal(parseManifest(bytes(bare)).kind, 'image');
    assert.equal(parseManifest(bytes(bare)).mediaType, MediaType.OciManifest);
    const { mediaType: _i, ...bareIndex } = index;
    assert.equal(parseManifest(bytes(bareIndex), 'application/json').mediaType, MediaType.OciIndex);
  });

  it('returns other kinds (schema 1, artifacts) without referenced descriptors', () => {
    const m = parseManifest(bytes({ schemaVersion: 1, name: 'x', fsLayers: [] }), MediaType.DockerManifestV1Signed);
    assert.equal(m.kind, 'other');
    assert.equal(m.mediaType, MediaType.DockerManifestV1Signed);
    assert.deepEqual(referencedDescriptors(m), []);
  });

  it('rejects bodies that are not manifests with a message saying why', () => {
    // Content from a registry or a layout, not the user's input: it fails that operation (exit 1), not the run.
    assert.throws(
      () => parseManifest(Buffer.from('{nope')),
      (e: unknown) => e instanceof InvalidContentError && /not valid JSON/.test(e.message) && exitCodeFor(e) === 1,
    );
    assert.throws(() => parseManifest(Buffer.from('[1]')), /not a JSON object/);
    assert.throws(() => parseManifest(bytes({ mediaType: MediaType.OciIndex })), /index .* has no manifests array/);
    assert.throws(() => parseManifest(bytes({ mediaType: MediaType.OciManifest, layers: [] })), /needs config and layers/);
  });
});

describe('media types', () => {
  it('tells indexes from images', () => {
    assert.ok(isIndexMediaType(MediaType.OciIndex) && isIndexMediaType(MediaType.DockerManifestList));
    assert.ok(isImageMediaType(MediaType.OciManifest) && isImageMediaType(MediaType.DockerManifest));
    assert.ok(!isIndexMediaType(MediaType.OciManifest) && !isImageMediaType(undefined));
  });
  it('flags foreign and non-distributable layers', () => {
    assert.ok(isExternalLayerMediaType(MediaType.DockerForeignLayerGzip));
    assert.ok(isExternalLayerMediaType(MediaType.OciLayerNondistributableGzip));
    assert.ok(!isExternalLayerMediaType(MediaType.OciLayerGzip));
  });
});
