// Renders example job summaries (report/summary.ts) to HTML and screenshots them with headless Chromium at GitHub's
// content width into docs/images/, for docs/actions.md and docs/verify.md. Run after `npx tsc -p .`:
//   node build/test/docs/summary-screenshots.js [chromium binary]
// The examples are the situations a reader meets: a nightly sync with failures, a pull request's check (and one under
// a verify policy), a prune dry run, and a config that does not load.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseReference } from '../../src/oci/reference.js';
import { imageAt, type OperationResult } from '../../src/report/result.js';
import { renderSummary, type SummaryOptions } from '../../src/report/summary.js';
import { summaryPage } from '../harness/summary-html.js';

const at = (text: string) => imageAt(parseReference(text));
const digest = (n: number) => `sha256:${n.toString(16).padStart(4, '0').repeat(16)}`;
const MiB = 1024 * 1024;

function mirrored(repo: string, tag: string, r: Partial<OperationResult> & Pick<OperationResult, 'status'>): OperationResult {
  return { op: 'sync', source: at(`docker.io/${repo}:${tag}`), target: at(`ghcr.io/acme/mirror/${repo.split('/').pop()}:${tag}`), bytes: 0, ...r };
}

function nightly(): OperationResult[] {
  const out: OperationResult[] = [];
  out.push(
    mirrored('library/nginx', '1.27.3', {
      status: 'failed',
      reason:
        'manifest-get on registry-1.docker.io/library/nginx (HTTP 429 TOOMANYREQUESTS): You have reached your unauthenticated pull rate limit: log in (creds in regsync.yml, or docker login) or raise ratelimit.min and run again later',
    }),
  );
  out.push(
    mirrored('bitnami/postgresql', '16.4.0', {
      status: 'failed',
      reason: 'blob-put on ghcr.io/acme/mirror/postgresql (HTTP 403 DENIED): permission_denied: write_package; the token needs packages: write on acme/mirror',
    }),
  );
  out.push({
    op: 'backup',
    status: 'backed-up',
    source: at('ghcr.io/acme/mirror/redis:7'),
    target: at('ghcr.io/acme/mirror/redis:7-20261204'),
    digest: digest(7),
    bytes: 0,
    durationMs: 310,
  });
  out.push(
    mirrored('library/redis', '7', {
      status: 'copied',
      digest: digest(8),
      bytes: 41 * MiB,
      durationMs: 6200,
      details: { kind: 'transfer', rateLimitRemaining: 61 },
    }),
  );
  out.push(
    mirrored('library/alpine', '3.21', {
      status: 'copied',
      digest: digest(9),
      bytes: 3.6 * MiB,
      durationMs: 1400,
      details: { kind: 'transfer', rateLimitRemaining: 64 },
    }),
  );
  out.push(
    mirrored('library/golang', '1.23', {
      status: 'copied',
      digest: digest(10),
      bytes: 1020 * MiB,
      durationMs: 24_800,
      details: { kind: 'transfer', rateLimitRemaining: 62 },
    }),
  );
  for (let i = 0; i < 180; i++)
    out.push(
      mirrored(i % 2 ? 'library/alpine' : 'library/redis', `${i % 2 ? '3' : '6'}.${i}`, {
        status: 'skipped',
        digest: digest(100 + i),
        reason: 'target already has this digest',
      }),
    );
  for (let i = 0; i < 2400; i++)
    out.push(mirrored('library/golang', `1.${i % 24}.${i}-alpine`, { status: 'excluded', reason: 'not selected by tags.allow ^1\\.2[2-3]$' }));
  return out;
}

function pullRequestCheck(): OperationResult[] {
  const out: OperationResult[] = [];
  out.push({
    op: 'backup',
    status: 'would-backup',
    source: at('ghcr.io/acme/mirror/redis:7'),
    target: at('ghcr.io/acme/mirror/redis:7-20261204'),
    digest: digest(7),
    bytes: 0,
  });
  out.push(mirrored('library/redis', '7', { status: 'would-copy', digest: digest(8), bytes: 41 * MiB, durationMs: 420 }));
  out.push(mirrored('library/caddy', '2.9', { status: 'would-copy', digest: digest(11), bytes: 18 * MiB, durationMs: 380 }));
  out.push(mirrored('library/caddy', '2.9-alpine', { status: 'would-copy', digest: digest(12), bytes: 17 * MiB, durationMs: 350 }));
  for (let i = 0; i < 40; i++)
    out.push(mirrored('library/alpine', `3.${i}`, { status: 'skipped', digest: digest(200 + i), reason: 'target already has this digest' }));
  for (let i = 0; i < 12; i++) out.push(mirrored('library/caddy', `2.${i}-builder`, { status: 'excluded', reason: 'not selected by tags.deny .*-builder$' }));
  out.push({
    op: 'prune',
    status: 'would-delete',
    target: at('ghcr.io/acme/mirror/caddy:2.7'),
    digest: digest(13),
    bytes: 0,
    reason: 'no longer selected by the tags filters of sync[2]',
  });
  return out;
}

function pruneDryRun(): OperationResult[] {
  const out: OperationResult[] = [];
  for (let i = 1; i <= 6; i++)
    out.push({
      op: 'tag-delete',
      status: 'would-delete',
      target: at(`ghcr.io/acme/app:pr-${40 + i}`),
      digest: digest(300 + i),
      bytes: 0,
      details: { kind: 'policy', policy: 'pull request builds', line: 9 },
    });
  for (let i = 1; i <= 3; i++)
    out.push({
      op: 'tag-delete',
      status: 'would-delete',
      target: at(`ghcr.io/acme/app:ci-2026110${i}`),
      digest: digest(310 + i),
      bytes: 0,
      details: { kind: 'script', script: 'keep three ci builds', line: 12 },
    });
  out.push({
    op: 'tag-delete',
    status: 'excluded',
    target: at('ghcr.io/acme/app:pr-release-2.0'),
    digest: digest(320),
    bytes: 0,
    reason: 'protected by defaults.protect "*release*"',
  });
  for (let i = 0; i < 25; i++)
    out.push({ op: 'tag-delete', status: 'skipped', target: at(`ghcr.io/acme/app:v2.${i}`), bytes: 0, reason: 'kept: newest 25 of policy "releases"' });
  return out;
}

function verifyCheck(): OperationResult[] {
  const out: OperationResult[] = [];
  out.push(mirrored('acme/app', 'v2.4.0', { status: 'would-copy', digest: digest(401), bytes: 58 * MiB, durationMs: 610 }));
  out.push(mirrored('acme/app', 'v2.4.1', { status: 'would-copy', digest: digest(402), bytes: 3 * MiB, durationMs: 240 }));
  out.push(
    mirrored('acme/app', 'nightly', {
      status: 'rejected',
      digest: digest(403),
      reason: `no signature: sha256-${digest(403).slice(7)}.sig does not exist, and no sigstore bundle refers to ${digest(403)}`,
    }),
  );
  out.push(
    mirrored('acme/app', 'v2.3.9-hotfix', {
      status: 'rejected',
      digest: digest(404),
      reason: `the sigstore bundle ${digest(405)} is signed by https://github.com/someone/fork/.github/workflows/release.yml@refs/heads/main (issuer https://token.actions.githubusercontent.com), which is none of the policy's identities (issuer https://token.actions.githubusercontent.com, subject matching https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v.*)`,
    }),
  );
  out.push(
    mirrored('acme/tool', '1.8', {
      status: 'rejected',
      digest: digest(406),
      reason: `child linux/arm64 ${digest(407)}: no signature: sha256-${digest(407).slice(7)}.sig does not exist, and no sigstore bundle refers to ${digest(407)}`,
    }),
  );
  for (let i = 0; i < 30; i++)
    out.push(mirrored('acme/app', `v2.${i}.0`, { status: 'skipped', digest: digest(420 + i), reason: 'target already has this digest' }));
  return out;
}

const EXAMPLES: Array<{ name: string; results: OperationResult[]; opts: SummaryOptions; height: number; open?: boolean }> = [
  { name: 'summary-sync-once', results: nightly(), opts: { title: 'regkit sync once', durationMs: 161_000 }, height: 730 },
  { name: 'summary-sync-check', results: pullRequestCheck(), opts: { title: 'regkit sync check', durationMs: 3_900 }, height: 760, open: true },
  { name: 'summary-verify-check', results: verifyCheck(), opts: { title: 'regkit sync check', durationMs: 2_700 }, height: 700 },
  { name: 'summary-prune-dry-run', results: pruneDryRun(), opts: { title: 'regkit prune once', durationMs: 2_100 }, height: 620 },
  {
    name: 'summary-invalid-policy',
    results: [],
    opts: {
      title: 'regkit prune once',
      error: 'regbot.yml:9:7: policies[0].keepLast must be a whole number of tags, not "three"; write keepLast: 3',
      durationMs: 40,
    },
    height: 180,
  },
];

const chromium = process.argv[2] ?? 'chromium';
const outDir = resolve('docs/images');
await mkdir(outDir, { recursive: true });
const work = await mkdtemp(join(tmpdir(), 'regkit-summaries-'));
for (const ex of EXAMPLES) {
  let md = renderSummary(ex.results, ex.opts);
  if (ex.open) md = md.replace(/<details>/g, '<details open>');
  const html = join(work, `${ex.name}.html`);
  await writeFile(join(work, `${ex.name}.md`), md);
  await writeFile(html, summaryPage(md, ex.opts.title ?? 'regkit'));
  const png = join(outDir, `${ex.name}.png`);
  const r = spawnSync(
    chromium,
    ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--screenshot=${png}`, `--window-size=1012,${ex.height}`, pathToFileURL(html).href],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`${chromium} failed for ${ex.name}: ${r.stderr}`);
  console.log(`${png} (${Buffer.byteLength(md)} bytes of markdown; ${join(work, `${ex.name}.md`)})`);
}
