// What a registry's access log says a run did: requests by method, and how many blob bytes crossed the wire (blob GETs
// and upload PUT/PATCH), priced from the fixture's blob sizes since the combined log format has no request sizes.
import type { AccessRecord } from '../harness/registry.js';

export interface AccessSummary {
  requests: number;
  byMethod: Record<string, number>;
  blobGets: number;
  uploadBodies: number;
  blobBytes: number;
}

const BLOB_GET = /\/blobs\/(sha256:[0-9a-f]{64})$/;
const UPLOAD = /\/blobs\/uploads\//;

export function summarizeAccess(records: readonly AccessRecord[], sizes: ReadonlyMap<string, number>): AccessSummary {
  const byMethod: Record<string, number> = {};
  let blobGets = 0;
  let uploadBodies = 0;
  let blobBytes = 0;
  for (const r of records) {
    byMethod[r.method] = (byMethod[r.method] ?? 0) + 1;
    const path = r.path.split('?')[0]!;
    const got = BLOB_GET.exec(path);
    if (r.method === 'GET' && got && r.status === 200) {
      blobGets++;
      blobBytes += sizes.get(got[1]!) ?? 0;
    }
    if ((r.method === 'PUT' || r.method === 'PATCH') && UPLOAD.test(path)) {
      uploadBodies++;
      const digest = new URL(r.path, 'http://log.invalid').searchParams.get('digest');
      // A closing PUT after PATCHes carries at most the tail; the PATCHes were already counted as bodies.
      if (r.method === 'PUT' && digest && !records.some((p) => p.method === 'PATCH')) blobBytes += sizes.get(digest) ?? 0;
    }
  }
  return { requests: records.length, byMethod, blobGets, uploadBodies, blobBytes };
}

export function formatMethods(byMethod: Record<string, number>): string {
  const entries = Object.entries(byMethod).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? entries.map(([m, n]) => `${n} ${m}`).join(', ') : 'none';
}
