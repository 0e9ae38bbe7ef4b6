// The external programs the harness drives. They come from Debian packages; as root the harness installs them itself.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { runCommand } from './run-command.js';

const TOOLS: ReadonlyArray<{ bin: string; pkg: string }> = [
  { bin: 'docker-registry', pkg: 'docker-registry' },
  { bin: 'skopeo', pkg: 'skopeo' },
  { bin: 'htpasswd', pkg: 'apache2-utils' },
  { bin: 'openssl', pkg: 'openssl' },
];

let ready: Promise<void> | undefined;

function onPath(bin: string): boolean {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, bin), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

function missingTools(): Array<{ bin: string; pkg: string }> {
  return TOOLS.filter((t) => !onPath(t.bin));
}

async function checkTools(): Promise<void> {
  let missing = missingTools();
  if (missing.length === 0) return;
  const pkgs = missing.map((t) => t.pkg);
  if (process.getuid?.() !== 0) {
    throw new Error(
      `the registry test harness needs ${missing.map((t) => t.bin).join(', ')} on PATH: ` +
        `install them with \`sudo apt-get install -y ${pkgs.join(' ')}\` (Debian/Ubuntu packages)`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await runCommand('apt-get', ['update'], { env });
  await runCommand('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], { env });
  missing = missingTools();
  if (missing.length > 0) {
    throw new Error(`apt-get installed ${pkgs.join(' ')} but ${missing.map((t) => t.bin).join(', ')} is still not on PATH`);
  }
}

/** Resolves when every tool is on PATH; the check (and any install) runs once per process. */
export function ensureTools(): Promise<void> {
  ready ??= checkTools();
  return ready;
}
