// Platforms as users write them (`linux/arm64`, `linux/arm/v7`, `windows/amd64,osver=10.0.17763`, `local`) and
// choosing one child of an index the way containerd's `platforms.Only` matcher does.
import { UsageError } from '../errors.js';
import type { Descriptor, Platform } from './manifest.js';

export type { Platform } from './manifest.js';

const PART_RE = /^[a-z0-9_.-]+$/i;

/** Node's `process.arch` and `process.platform` in OCI terms (image-spec config.md, Go's GOARCH/GOOS values). */
const NODE_ARCH: Record<string, Pick<Platform, 'architecture' | 'variant'>> = {
  x64: { architecture: 'amd64' },
  arm64: { architecture: 'arm64', variant: 'v8' },
  ia32: { architecture: '386' },
  ppc64: { architecture: 'ppc64le' },
  s390x: { architecture: 's390x' },
  riscv64: { architecture: 'riscv64' },
  loong64: { architecture: 'loong64' },
  mips: { architecture: 'mips' },
  mipsel: { architecture: 'mipsle' },
};
const NODE_OS: Record<string, string> = { win32: 'windows', sunos: 'solaris' };

/** The platform this process runs on; `armVersion` is Node's `process.config.variables.arm_version` on 32-bit ARM. */
export function localPlatform(nodePlatform: string = process.platform, nodeArch: string = process.arch, armVersion?: string): Platform {
  const os = NODE_OS[nodePlatform] ?? nodePlatform;
  if (nodeArch === 'arm') {
    const v = armVersion ?? String((process.config.variables as Record<string, unknown>)['arm_version'] ?? '7');
    return { os, architecture: 'arm', variant: `v${v.replace(/^v/, '')}` };
  }
  const arch = NODE_ARCH[nodeArch] ?? { architecture: nodeArch };
  return { os, ...arch };
}

/** `os/arch[/variant][,osver=<version>]` or `local`. */
export function parsePlatform(input: string): Platform {
  const s = input.trim();
  if (s === 'local') return localPlatform();
  const [main = '', ...options] = s.split(',');
  const parts = main.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !PART_RE.test(p))) {
    throw new UsageError(`invalid platform "${input}": expected OS/ARCH[/VARIANT][,osver=VERSION] (for example linux/arm64 or linux/arm/v7) or "local"`);
  }
  const platform: Platform = { os: parts[0]!.toLowerCase(), architecture: parts[1]!.toLowerCase() };
  if (parts[2] !== undefined) platform.variant = parts[2].toLowerCase();
  for (const opt of options) {
    const m = /^osver=([0-9A-Za-z._-]+)$/.exec(opt);
    if (!m) throw new UsageError(`invalid platform "${input}": unknown option "${opt}", only osver=VERSION is supported`);
    platform['os.version'] = m[1]!;
  }
  return platform;
}

export function formatPlatform(p: Platform): string {
  const base = `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
  return p['os.version'] ? `${base},osver=${p['os.version']}` : base;
}

/**
 * The canonical form used for comparison (containerd `platforms.Normalize`): aliases folded, and the default variant
 * of an architecture dropped (`arm64/v8` → `arm64`, `amd64/v1` → `amd64`) or made explicit (`arm` → `arm/v7`).
 */
export function normalizePlatform(p: Platform): Platform {
  const os = p.os.toLowerCase() === 'macos' ? 'darwin' : p.os.toLowerCase();
  let architecture = p.architecture.toLowerCase();
  let variant = p.variant?.toLowerCase() ?? '';
  switch (architecture) {
    case 'i386':
      architecture = '386';
      variant = '';
      break;
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      architecture = 'amd64';
      if (variant === 'v1') variant = '';
      break;
    case 'aarch64':
    case 'arm64':
      architecture = 'arm64';
      if (variant === '8' || variant === 'v8') variant = '';
      break;
    case 'armhf':
      architecture = 'arm';
      variant = 'v7';
      break;
    case 'armel':
      architecture = 'arm';
      variant = 'v6';
      break;
    case 'arm':
      if (variant === '' || variant === '7') variant = 'v7';
      else if (/^[5-8]$/.test(variant)) variant = `v${variant}`;
      break;
  }
  const out: Platform = { os, architecture };
  if (variant !== '') out.variant = variant;
  if (p['os.version']) out['os.version'] = p['os.version'];
  if (p['os.features']) out['os.features'] = p['os.features'];
  if (p.features) out.features = p.features;
  return out;
}

/**
 * True when `have` is the platform asked for. When `want` names an `os.version`, `have` must carry that version or a
 * longer one that starts with it (`10.0.17763` matches `10.0.17763.5458`), which is how Windows builds are told apart.
 */
export function platformMatches(want: Platform, have: Platform): boolean {
  const w = normalizePlatform(want);
  const h = normalizePlatform(have);
  if (w.os !== h.os || w.architecture !== h.architecture || (w.variant ?? '') !== (h.variant ?? '')) return false;
  const wantVersion = w['os.version'];
  if (!wantVersion) return true;
  const haveVersion = h['os.version'] ?? '';
  return haveVersion === wantVersion || haveVersion.startsWith(`${wantVersion}.`);
}

function withVariant(p: Platform, architecture: string, variant: string | undefined): Platform {
  const out: Platform = { ...p, architecture };
  if (variant) out.variant = variant;
  else delete out.variant;
  return out;
}

/**
 * Platforms a runner of `want` can execute, best first (containerd `platformVector`): older amd64 micro-architecture
 * levels then 386; older arm variants down to v5; arm64 minor versions downwards, then 32-bit arm.
 */
export function compatiblePlatforms(want: Platform): Platform[] {
  const p = normalizePlatform(want);
  const out: Platform[] = [p];
  const num = (v: string | undefined): number => Number.parseInt((v ?? '').replace(/^v/, ''), 10);
  if (p.architecture === 'amd64') {
    for (let level = num(p.variant) - 1; level >= 1; level--) out.push(withVariant(p, 'amd64', level === 1 ? undefined : `v${level}`));
    out.push(withVariant(p, '386', undefined));
  } else if (p.architecture === 'arm') {
    for (let v = num(p.variant) - 1; v >= 5; v--) out.push(withVariant(p, 'arm', `v${v}`));
  } else if (p.architecture === 'arm64') {
    const m = /^v(\d+)(?:\.(\d+))?$/.exec(p.variant ?? 'v8');
    if (m) {
      let major = Number(m[1]);
      let minor = Number(m[2] ?? 0);
      const push = (maj: number, min: number): void => {
        out.push(withVariant(p, 'arm64', maj === 8 && min === 0 ? undefined : min === 0 ? `v${maj}` : `v${maj}.${min}`));
      };
      if (major === 9) {
        for (let n = minor - 1; n >= 0; n--) push(9, n);
        // v9.x diverged from v8.5, so v9.x runs what v8.(x+5) runs, up to v8.9.
        minor = Math.min(minor + 5, 9);
        major = 8;
        push(8, minor);
      }
      if (major === 8) for (let n = minor - 1; n >= 0; n--) push(8, n);
    }
    out.push(...compatiblePlatforms(withVariant(p, 'arm', 'v8')));
  }
  return out;
}

/**
 * The child of an index that best runs on `want`: the earliest match in `compatiblePlatforms(want)`, ties broken by
 * index order (containerd `platforms.Only` + `Less`). Children without a platform (attestations) never match.
 */
export function selectPlatform(manifests: readonly Descriptor[], want: Platform): Descriptor | undefined {
  const vector = compatiblePlatforms(want);
  for (const candidate of vector) {
    const hit = manifests.find((d) => d.platform !== undefined && platformMatches(candidate, d.platform));
    if (hit) return hit;
  }
  return undefined;
}

/**
 * The children of an index a platform filter keeps, as the copy writes them: one platform asked for is the single
 * child that best runs it (copied as the image itself, the way `regctl image copy --platform` does); several keep each
 * child of one of them, in index order. `source` names the image in the error when none matches: a typo must turn
 * neither into an unfiltered copy nor into a verification of nothing.
 */
export function choosePlatforms(children: readonly Descriptor[], wanted: readonly string[], source: string): { single: Descriptor } | { kept: Descriptor[] } {
  const wants = wanted.map((w) => parsePlatform(w));
  if (wants.length === 1) {
    const chosen = selectPlatform(children, wants[0]!);
    if (chosen) return { single: chosen };
  } else {
    const kept = children.filter((d) => d.platform !== undefined && wants.some((w) => platformMatches(w, d.platform!)));
    if (kept.length > 0) return { kept };
  }
  const have = children.filter((d) => d.platform).map((d) => formatPlatform(d.platform!));
  throw new UsageError(`${source} has no manifest for ${wanted.join(', ')}; it has: ${have.join(', ') || 'no platforms listed'}`);
}
