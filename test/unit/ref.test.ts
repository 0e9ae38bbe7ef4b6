import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/errors.js';
import {
  apiHostFor,
  formatReference,
  parseReference,
  parseRegistryHost,
  repositoryKey,
  sameRegistry,
  sameRepository,
  withDigest,
  withTag,
} from '../../src/oci/reference.js';

const D256 = `sha256:${'a'.repeat(64)}`;
const D512 = `sha512:${'b'.repeat(128)}`;

describe('parseReference: registry references', () => {
  const cases: Array<[string, Record<string, string | undefined>]> = [
    ['alpine', { registry: 'docker.io', repository: 'library/alpine', tag: 'latest' }],
    ['alpine:3.20', { registry: 'docker.io', repository: 'library/alpine', tag: '3.20' }],
    ['bitnami/redis', { registry: 'docker.io', repository: 'bitnami/redis', tag: 'latest' }],
    ['docker.io/alpine', { registry: 'docker.io', repository: 'library/alpine', tag: 'latest' }],
    ['index.docker.io/library/alpine:3', { registry: 'docker.io', repository: 'library/alpine', tag: '3' }],
    ['registry-1.docker.io/bitnami/redis:7', { registry: 'docker.io', repository: 'bitnami/redis', tag: '7' }],
    ['localhost:5000/x', { registry: 'localhost:5000', repository: 'x', tag: 'latest' }],
    ['localhost/x:1', { registry: 'localhost', repository: 'x', tag: '1' }],
    ['ghcr.io/org/team/app:v1.2.3', { registry: 'ghcr.io', repository: 'org/team/app', tag: 'v1.2.3' }],
    ['[::1]:5000/a/b:t', { registry: '[::1]:5000', repository: 'a/b', tag: 't' }],
    ['[fe80::1]/app', { registry: '[fe80::1]', repository: 'app', tag: 'latest' }],
    [`quay.io/a/b@${D256}`, { registry: 'quay.io', repository: 'a/b', tag: undefined, digest: D256 }],
    [`quay.io/a/b:t@${D256}`, { registry: 'quay.io', repository: 'a/b', tag: 't', digest: D256 }],
    [`localhost:5000/x:1@${D512}`, { registry: 'localhost:5000', repository: 'x', tag: '1', digest: D512 }],
    ['r.example.com/a__b/c-d/e.f_g:T_1', { registry: 'r.example.com', repository: 'a__b/c-d/e.f_g', tag: 'T_1' }],
  ];
  for (const [input, want] of cases) {
    it(`parses ${input}`, () => {
      const ref = parseReference(input);
      assert.equal(ref.scheme, 'registry');
      if (ref.scheme !== 'registry') return;
      assert.equal(ref.registry, want['registry']);
      assert.equal(ref.repository, want['repository']);
      assert.equal(ref.tag, want['tag']);
      assert.equal(ref.digest, want['digest']);
    });
  }

  it('leaves the tag out when only a repository is asked for', () => {
    const ref = parseReference('ghcr.io/org/app', { repositoryOnly: true });
    assert.equal(ref.tag, undefined);
    assert.equal(formatReference(ref), 'ghcr.io/org/app');
  });

  it('formats back to the normalized form', () => {
    assert.equal(formatReference(parseReference('alpine')), 'docker.io/library/alpine:latest');
    assert.equal(formatReference(parseReference(`quay.io/a/b:t@${D256}`)), `quay.io/a/b:t@${D256}`);
    assert.equal(formatReference(parseReference('index.docker.io/x/y:1')), 'docker.io/x/y:1');
  });
});

describe('parseReference: ocidir references', () => {
  it('parses ocidir://path:tag', () => {
    assert.deepEqual(parseReference('ocidir://out/layout:v1'), { scheme: 'ocidir', path: 'out/layout', tag: 'v1' });
  });
  it('parses ocidir://path@digest and keeps relative paths', () => {
    assert.deepEqual(parseReference(`ocidir://./x@${D256}`), { scheme: 'ocidir', path: './x', digest: D256 });
  });
  it('parses tag and digest together, and an absolute path without either', () => {
    assert.deepEqual(parseReference(`ocidir:///tmp/a:t@${D256}`), { scheme: 'ocidir', path: '/tmp/a', tag: 't', digest: D256 });
    assert.deepEqual(parseReference('ocidir:///tmp/a'), { scheme: 'ocidir', path: '/tmp/a' });
  });
  it('formats back', () => {
    assert.equal(formatReference(parseReference(`ocidir://d:t@${D256}`)), `ocidir://d:t@${D256}`);
  });
});

describe('parseReference: malformed input says what is wrong', () => {
  const bad: Array<[string, RegExp]> = [
    ['', /empty/],
    ['   ', /empty/],
    ['ghcr.io/Org/app', /"ghcr\.io\/Org\/app".*must be lowercase/],
    ['alpine/Foo', /"alpine\/Foo".*must be lowercase/],
    ['alpine:bad!tag', /"alpine:bad!tag".*tag "bad!tag"/],
    [`alpine:${'x'.repeat(129)}`, /tag "x+" must match/],
    ['alpine@sha256:abc', /"alpine@sha256:abc".*digest "sha256:abc"/],
    [`alpine@md5:${'a'.repeat(32)}`, /digest "md5:/],
    [`alpine@sha256:${'A'.repeat(64)}`, /digest/],
    ['a//b', /"a\/\/b".*empty component/],
    ['ghcr.io/', /empty component/],
    ['ghcr.io/a/', /empty component/],
    ['http://ghcr.io/a', /"http:\/\/ghcr\.io\/a".*only ocidir:\/\//],
    ['docker://alpine', /only ocidir:\/\//],
    ['ocidir://', /needs a directory path/],
    ['ocidir://:tag', /needs a directory path/],
    ['ghcr.io/a b', /white space/],
    ['ghcr.io/a--_b', /component "a--_b"/],
    ['ghcr.io/-a', /component "-a"/],
    ['bad_host.example.com:99999999/a', /registry .* is not a valid host/],
  ];
  for (const [input, message] of bad) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      assert.throws(
        () => parseReference(input),
        (err: unknown) => {
          assert.ok(err instanceof UsageError, `expected UsageError, got ${String(err)}`);
          assert.match(err.message, message);
          assert.ok(err.message.includes(`"${input}"`), `message names the input: ${err.message}`);
          return true;
        },
      );
    });
  }
});

describe('hosts', () => {
  it('apiHostFor sends Docker Hub to registry-1.docker.io and others to themselves', () => {
    assert.equal(apiHostFor('docker.io'), 'registry-1.docker.io');
    assert.equal(apiHostFor('ghcr.io'), 'ghcr.io');
    assert.equal(apiHostFor('localhost:5000'), 'localhost:5000');
  });
  it('parseRegistryHost folds Hub aliases and strips trailing slashes', () => {
    assert.equal(parseRegistryHost('index.docker.io'), 'docker.io');
    assert.equal(parseRegistryHost('registry-1.docker.io/'), 'docker.io');
    assert.equal(parseRegistryHost('[::1]:5000'), '[::1]:5000');
    assert.throws(() => parseRegistryHost('a/b'), /invalid registry host "a\/b": expected HOST\[:PORT\]/);
  });
});

describe('reference helpers', () => {
  it('withTag and withDigest replace both tag and digest', () => {
    const ref = parseReference(`ghcr.io/a/b:t@${D256}`);
    assert.equal(formatReference(withTag(ref, 'u')), 'ghcr.io/a/b:u');
    assert.equal(formatReference(withDigest(ref, D512)), `ghcr.io/a/b@${D512}`);
    assert.equal(formatReference(withTag(parseReference('ocidir://d@' + D256), 'x')), 'ocidir://d:x');
  });
  it('repository keys ignore tag and digest', () => {
    assert.equal(repositoryKey(parseReference('alpine:3')), 'docker.io/library/alpine');
    assert.ok(sameRepository(parseReference('alpine:3'), parseReference(`docker.io/library/alpine@${D256}`)));
    assert.ok(!sameRepository(parseReference('alpine'), parseReference('ocidir://alpine')));
  });
  it('sameRegistry is true only for two registry references on one registry', () => {
    assert.ok(sameRegistry(parseReference('ghcr.io/a'), parseReference('ghcr.io/b')));
    assert.ok(!sameRegistry(parseReference('ghcr.io/a'), parseReference('quay.io/a')));
    assert.ok(!sameRegistry(parseReference('ocidir://a'), parseReference('ocidir://a')));
  });
});
