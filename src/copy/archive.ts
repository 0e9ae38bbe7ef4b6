// One-file transfer for air-gapped sites: an image as an OCI layout inside a tar (which `docker load` also reads),
// staged through a temporary layout so the copy engine does the verifying and the tar is written whole or not at all.
import { mkdtemp, open, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, basename } from 'node:path';
import { fileProblem, UsageError, type InvalidNameError } from '../errors.js';
import type { Tag } from '../oci/names.js';
import { withTag, type OcidirReference, type Reference } from '../oci/reference.js';
import { imageAt, type OperationResult } from '../report/result.js';
import { INDEX_FILE, REF_NAME_ANNOTATION } from '../store/ocidir/layout.js';
import { writeLayoutTar } from '../store/tarfile/export.js';
import { extractLayoutTar } from '../store/tarfile/import.js';
import { copyImage } from './copy.js';
import type { CopyContext, CopyOptions } from './options.js';

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
  // Written beside the target and renamed, so an interrupted export never leaves a file that looks complete; opened
  // before the image is fetched, so a directory that is not there fails at once.
  const partial = join(dirname(file), `.${basename(file)}.partial-${process.pid}`);
  const handle = await open(partial, 'w').catch((err: unknown) => {
    throw new UsageError(`cannot write ${file}: ${fileProblem(dirname(file), err)}; create the directory first or name another file`);
  });
  return withStaging(async (dir) => {
    try {
      const staged: OcidirReference = { scheme: 'ocidir', path: join(dir, 'layout'), tag: src.tag ?? 'latest' };
      const copied = await copyImage(ctx, src, staged, { ...opts, dryRun: false });
      const out = handle.createWriteStream();
      const repository = src.scheme === 'registry' ? `${src.registry}/${src.repository}` : undefined;
      await writeLayoutTar(staged.path, out, { ...(repository ? { repository } : {}), ...(ctx.spent ? { spent: ctx.spent } : {}) });
      await rename(partial, file);
      return { ...copied, op: 'export', status: 'copied', target: { kind: 'file', path: file }, durationMs: Date.now() - started };
    } catch (err) {
      await handle.close().catch(() => undefined);
      await rm(partial, { force: true });
      throw err;
    }
  });
}

export async function importImage(ctx: CopyContext, file: string, dst: Reference, opts: CopyOptions = {}): Promise<OperationResult> {
  const started = Date.now();
  return withStaging(async (dir) => {
    const layout: OcidirReference = { scheme: 'ocidir', path: join(dir, 'layout') };
    await extractLayoutTar(file, layout.path, ctx.stores.layoutBounds, ctx.spent);
    const tag = await pickTag(ctx, layout, file, dst);
    const result = await copyImage(ctx, withTag(layout, tag), dst, opts);
    return { ...result, op: 'import', source: { kind: 'file', path: file, tag }, target: imageAt(dst), durationMs: Date.now() - started };
  });
}

/**
 * The archive's only valid tag, or the target's tag when the archive holds several. A name in its `index.json` that is
 * not a valid tag is never imported: it fails the import when the archive holds no valid one, and is warned about
 * otherwise.
 */
async function pickTag(ctx: CopyContext, layout: OcidirReference, file: string, dst: Reference): Promise<Tag> {
  const invalid: InvalidNameError[] = [];
  const tags = await ctx.stores.storeFor(layout).listTags(layout, { onInvalid: (err) => invalid.push(err.from(`${file} (${INDEX_FILE})`)) });
  if (tags.length === 0 && invalid[0] !== undefined) throw invalid[0];
  for (const err of invalid) ctx.logger.warn(`${err.message}; not imported`);
  const wanted = tags.length === 1 ? tags[0] : tags.find((t) => t === dst.tag);
  if (wanted !== undefined) return wanted;
  if (tags.length === 0) throw new UsageError(`${file} holds no tagged image (no ${REF_NAME_ANNOTATION} annotation in its ${INDEX_FILE})`);
  throw new UsageError(`${file} holds several images (${tags.join(', ')}); name one as the target's tag`);
}
