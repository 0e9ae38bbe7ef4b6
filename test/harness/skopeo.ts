// skopeo as the independent client: it seeds registries and checks what regkit wrote. References use skopeo's
// transport syntax (`docker://127.0.0.1:5000/repo:tag`, `oci:/path/to/layout:tag`). Every call ignores the host's
// trust policy and stored logins, so only the credentials passed here are used.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digestOf } from '../../src/oci/digest.js';
import { runCommand, type RunResult } from './run-command.js';
import { ensureTools } from './tools.js';

export interface SkopeoCreds {
  username: string;
  password: string;
}

export interface SkopeoCopyOptions {
  /** Copy every manifest of an index, not just the host's platform. */
  all?: boolean;
  srcCreds?: SkopeoCreds | undefined;
  destCreds?: SkopeoCreds | undefined;
  /** Always on: seeded digests must stay what the fixture says; skopeo fails rather than convert. */
  preserveDigests?: true;
}

// Paths that never exist, so skopeo finds neither an auth.json nor a docker config.json of the machine's user.
const NO_AUTH_DIR = join(tmpdir(), 'regkit-skopeo-no-auth-config');
const ENV = { ...process.env, REGISTRY_AUTH_FILE: join(NO_AUTH_DIR, 'auth.json'), DOCKER_CONFIG: NO_AUTH_DIR };

function credArgs(flag: string, creds: SkopeoCreds | undefined): string[] {
  return creds ? [flag, `${creds.username}:${creds.password}`] : [];
}

async function skopeo(args: string[], creds: Array<SkopeoCreds | undefined>): Promise<RunResult> {
  await ensureTools();
  const secrets = creds.flatMap((c) => (c ? [c.password, `${c.username}:${c.password}`] : []));
  return runCommand('skopeo', ['--insecure-policy', ...args], { env: ENV, secrets });
}

export async function skopeoCopy(src: string, dst: string, opts: SkopeoCopyOptions = {}): Promise<void> {
  await skopeo(
    [
      'copy',
      '--src-tls-verify=false',
      '--dest-tls-verify=false',
      '--preserve-digests',
      ...(opts.all ? ['--all'] : []),
      ...credArgs('--src-creds', opts.srcCreds),
      ...credArgs('--dest-creds', opts.destCreds),
      src,
      dst,
    ],
    [opts.srcCreds, opts.destCreds],
  );
}

/** The manifest's exact bytes, as the registry serves them. */
export async function skopeoInspectRaw(ref: string, creds?: SkopeoCreds): Promise<Buffer> {
  const { stdout } = await skopeo(['inspect', '--raw', '--tls-verify=false', ...credArgs('--creds', creds), ref], [creds]);
  return stdout;
}

/** The digest of the manifest the reference resolves to (for an index, the index itself). */
export async function skopeoDigest(ref: string, creds?: SkopeoCreds): Promise<string> {
  return digestOf(await skopeoInspectRaw(ref, creds));
}

/** Tags of a repository, e.g. `docker://127.0.0.1:5000/team/app`. */
export async function skopeoListTags(repo: string, creds?: SkopeoCreds): Promise<string[]> {
  const { stdout } = await skopeo(['list-tags', '--tls-verify=false', ...credArgs('--creds', creds), repo], [creds]);
  return (JSON.parse(stdout.toString('utf8')) as { Tags: string[] }).Tags;
}
