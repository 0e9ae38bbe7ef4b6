// Content that is not what it claims (a manifest that is not JSON) is the source's fault, not the user's: the copy
// fails (exit 1) with the reason, rather than being reported as a usage error (exit 2).
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../src/cli/run.js';
import { digestOf } from '../../src/oci/digest.js';
import { MediaType } from '../../src/oci/mediatypes.js';

describe('a source manifest that is not JSON', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'regkit-invalid-'));
    const bytes = Buffer.from('this is not a manifest');
    const digest = digestOf(bytes);
    await mkdir(join(root, 'src', 'blobs', 'sha256'), { recursive: true });
    await writeFile(join(root, 'src', 'blobs', 'sha256', digest.slice(7)), bytes);
    await writeFile(join(root, 'src', 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    const entry = { mediaType: MediaType.OciManifest, digest, size: bytes.length, annotations: { 'org.opencontainers.image.ref.name': 'broken' } };
    await writeFile(join(root, 'src', 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [entry] }));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('fails the copy with exit 1 and says what is wrong', async () => {
    let out = '';
    let err = '';
    const code = await runCli(['copy', `ocidir://${join(root, 'src')}:broken`, `ocidir://${join(root, 'dst')}:broken`], {
      stdout: { write: (c) => (out += String(c)) },
      stderr: { write: (c) => (err += c) },
    });
    assert.equal(code, 1);
    assert.match(`${out}${err}`, /manifest is not valid JSON/);
  });
});
