// The three ways the bench moves an image: regkit as users run it (the bundled CLI, start-up included), skopeo as the
// reference client, and `curl | curl` as the ceiling (bytes through two processes with no logic at all).
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTimed, type TimedRun } from './measure.js';

/** The bundle, as users run it; REGKIT_BENCH_BIN names another entry (the compiled `build/src/main.js`) to compare builds. */
export const REGKIT_BIN = process.env['REGKIT_BENCH_BIN'] ?? fileURLToPath(new URL('../../../dist/index.js', import.meta.url));

// Directories that never exist: neither tool finds the machine user's logins, so both run anonymous on plain HTTP.
const NO_AUTH_DIR = join(tmpdir(), 'regkit-bench-no-auth-config');
export const NO_AUTH_ENV = { ...process.env, REGISTRY_AUTH_FILE: join(NO_AUTH_DIR, 'auth.json'), DOCKER_CONFIG: NO_AUTH_DIR };

/** `node dist/index.js copy SRC DST` with every host on plain HTTP. */
export function regkitCopy(src: string, dst: string, hosts: readonly string[]): Promise<TimedRun> {
  const hostArgs = [...new Set(hosts)].flatMap((h) => ['--host', `reg=${h},tls=disabled`]);
  return runTimed(process.execPath, [REGKIT_BIN, 'copy', src, dst, ...hostArgs], { env: NO_AUTH_ENV });
}

export function skopeoCopyTimed(src: string, dst: string): Promise<TimedRun> {
  return runTimed('skopeo', ['--insecure-policy', 'copy', '--all', '--src-tls-verify=false', '--dest-tls-verify=false', `docker://${src}`, `docker://${dst}`], {
    env: NO_AUTH_ENV,
  });
}

/** Opens an upload session (distribution spec "Pushing blobs": POST, then the Location takes the body). */
export function openUpload(host: string, repository: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`http://${host}/v2/${repository}/blobs/uploads/`, { method: 'POST', headers: { 'content-length': '0' } }, (res) => {
      res.resume();
      const location = res.headers.location;
      if (res.statusCode !== 202 || !location) reject(new Error(`POST upload on ${host}/${repository}: status ${res.statusCode}`));
      else resolve(new URL(location, `http://${host}`).href);
    });
    req.once('error', reject);
    req.end();
  });
}

export interface BlobMove {
  digest: string;
  srcHost: string;
  srcRepository: string;
  dstHost: string;
  dstRepository: string;
}

/** One blob from a registry GET straight into a monolithic PUT, the POST for the upload location included. */
export async function curlPipe(move: BlobMove): Promise<void> {
  const location = new URL(await openUpload(move.dstHost, move.dstRepository));
  location.searchParams.set('digest', move.digest);
  const get = `curl -sS --fail http://${move.srcHost}/v2/${move.srcRepository}/blobs/${move.digest}`;
  const put = `curl -sS --fail -X PUT -H 'content-type: application/octet-stream' -T - '${location.href}'`;
  await runTimed('bash', ['-c', `set -o pipefail; ${get} | ${put} >/dev/null`]);
}

/** Runs the moves `parallel` at a time, as a copy tool with that many blob slots would. */
export async function curlPipeAll(moves: readonly BlobMove[], parallel: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < moves.length) await curlPipe(moves[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, moves.length) }, worker));
}
