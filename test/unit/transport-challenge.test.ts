import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseWwwAuthenticate } from '../../src/transport/auth/challenge.js';
import { ScopeSet, actionsForMethod, repositoryScope } from '../../src/transport/auth/scope.js';

describe('WWW-Authenticate', () => {
  test('a Bearer challenge with realm, service and scope', () => {
    assert.deepEqual(parseWwwAuthenticate('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"'), [
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/alpine:pull' } },
    ]);
  });

  test('quoted strings keep commas, spaces and escaped quotes', () => {
    const [c] = parseWwwAuthenticate('Bearer realm="https://x/token?a=1,b=2", scope="repository:a:pull,push repository:b:pull", error="say \\"hi\\""');
    assert.equal(c?.params['realm'], 'https://x/token?a=1,b=2');
    assert.equal(c?.params['scope'], 'repository:a:pull,push repository:b:pull');
    assert.equal(c?.params['error'], 'say "hi"');
  });

  test('several challenges in one header, mixed case, unquoted values', () => {
    assert.deepEqual(parseWwwAuthenticate('Negotiate abc==, BASIC realm=Registry, bearer Realm="r",Service=s'), [
      { scheme: 'negotiate', params: {} },
      { scheme: 'basic', params: { realm: 'Registry' } },
      { scheme: 'bearer', params: { realm: 'r', service: 's' } },
    ]);
  });

  test('several headers, and nothing', () => {
    assert.equal(parseWwwAuthenticate(['Basic realm="a"', 'Bearer realm="b"']).length, 2);
    assert.deepEqual(parseWwwAuthenticate(undefined), []);
    assert.deepEqual(parseWwwAuthenticate(''), []);
  });
});

describe('scopes', () => {
  test('actions per method, and merging per resource in a stable order', () => {
    assert.deepEqual(actionsForMethod('HEAD'), ['pull']);
    assert.deepEqual(actionsForMethod('PATCH'), ['pull', 'push']);
    assert.deepEqual(actionsForMethod('DELETE'), ['delete']);
    const s = new ScopeSet();
    assert.equal(s.add([repositoryScope('b/app', ['pull'])]), true);
    assert.equal(s.add([repositoryScope('a/app', ['pull', 'push'])]), true);
    assert.equal(s.add([repositoryScope('b/app', ['pull'])]), false);
    assert.equal(s.add([repositoryScope('b/app', ['delete'])]), true);
    assert.deepEqual(s.list(), ['repository:a/app:pull,push', 'repository:b/app:delete,pull']);
  });
});
