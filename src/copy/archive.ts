// One-file transfer for air-gapped sites: an image as an OCI layout inside a tar (which `docker load` also reads),
// staged through a temporary layout so the copy engine does the verifying and the tar is written whole or not at all.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, basename } from 'node:path';
import { UsageError } from '../errors.js';
import type { ImageIndex } from '../oci/manifest.js';
import { formatReference, type OcidirReference, type Reference } from '../oci/reference.js';
import type { OperationResult } from '../report/result.js';
import { writeLayoutTar } from '../store/tarfile/export.js';
import { extractLayoutTar } from '../store/tarfile/import.js';
import { copyImage } from './copy.js';
import type { CopyContext, CopyOptions } from './options.js';

const REF_NAME = 'org.opencontainers.image.ref.name';

async function withStaging<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'regkit-stage-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function exportImage(ctx: CopyContext, src: Reference, file: string, opts: CopyOptions = {}): Promise<OperationResult> {
  const started = Date.now();
  return withStaging(async (dir) => {
    const staged: OcidirReference = { scheme: 'ocidir', path: join(dir, 'layout'), tag: src.tag ?? 'latest' };
    const copied = await copyImage(ctx, src, staged, { ...opts, dryRun: false });
    // Written beside the target and renamed, so an interrupted export never leaves a file that looks complete.
    const partial = join(dirname(file), `.${basename(file)}.partial-${process.pid}`);
    try {
      const out = createWriteStream(partial);
      const repository = src.scheme === 'registry' ? `${src.registry}/${src.repository}` : undefined;
      await writeLayoutTar(staged.path, out, repository ? { repository } : {});
      await rename(partial, file);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
    return { ...copied, op: 'export', status: 'copied', target: file, durationMs: Date.now() - started };
  });
}

export async function importImage(ctx: CopyContext, file: string, dst: Reference, opts: CopyOptions = {}): Promise<OperationResult> {
  const started = Date.now();
  return withStaging(async (dir) => {
    const layout = join(dir, 'layout');
    const { index } = await extractLayoutTar(file, layout, ctx.stores.layoutBounds);
    const tag = pickTag(index, file, dst);
    const result = await copyImage(ctx, { scheme: 'ocidir', path: layout, tag }, dst, opts);
    return { ...result, op: 'import', source: `${file}:${tag}`, target: formatReference(dst), durationMs: Date.now() - started };
  });
}

/** The archive's only tag, or the target's tag when the archive holds several. */
function pickTag(index: ImageIndex | undefined, file: string, dst: Reference): string {
  const tags = (index?.manifests ?? []).map((m) => m.annotations?.[REF_NAME]).filter((t): t is string => t !== undefined);
  if (tags.length === 1) return tags[0]!;
  if (dst.tag !== undefined && tags.includes(dst.tag)) return dst.tag;
  if (tags.length === 0) throw new UsageError(`${file} holds no tagged image (no ${REF_NAME} annotation in its index.json)`);
  throw new UsageError(`${file} holds several images (${tags.join(', ')}); name one as the target's tag`);
}
