// Every regsync example from regclient's documentation (test/fixtures/regsync/README.md), unchanged, through
// `regkit sync check` and `once`. Each registry an example names is a harness registry of its own, reached through
// `--host reg=NAME,hostname=127.0.0.1:PORT,tls=disabled`; the example's `creds` still apply (the flag merges over them
// field by field), so where an example logs in, its registry wants exactly that login. Sources are seeded with tiny
// images under Docker Hub's names, with tags the example selects and tags its filters leave out; skopeo reads back.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { withSecretFiles } from '../harness/config-secrets.js';
import { makeImageLayout } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoCopy, skopeoDigest, skopeoListTags } from '../harness/skopeo.js';
import { runRegkit, type CliRun } from './copy-setup.js';
import { assertExit, makeSyncWorkspace, resultLines, seedTags, writesIn, type ResultLine, type SyncWorkspace } from './sync-setup.js';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'regsync');
const HUB_USER = 'hubuser';
/** What `withSecretFiles` writes into every `{{file}}` the examples read their Hub password from. */
const HUB_TOKEN = 'hub-token-value';
// The examples read their Hub login name with `{{env "HUB_USER"}}`; the CLI runs as a child with this environment.
process.env['HUB_USER'] = HUB_USER;

/** One source repository the example mirrors, as `REGISTRY/REPO` in the example's own registry names. */
interface Mirror {
  from: string;
  to: string;
  /** Tags the example's step copies. */
  selected: readonly string[];
  /** Tags seeded beside them that its step must leave alone (an image step's other tags, a filter's rejects). */
  filtered: readonly string[];
}

/** Where the second run must put the old image of a changed target: `REGISTRY/REPO:TAG`, possibly dated. */
interface Backup {
  of: string;
  at: (day: Date) => string;
}

interface Example {
  file: string;
  /** Every registry the example names, with the accounts its creds log in with; none means anonymous. */
  registries: Record<string, Record<string, string> | undefined>;
  mirrors: readonly Mirror[];
  /** Source tags given a new image before the second run, `REGISTRY/REPO:TAG`. */
  changes: readonly string[];
  backups: readonly Backup[];
}

const HUB_LOGIN = { [HUB_USER]: HUB_TOKEN };
const beside = (of: string, tag: string): Backup => ({ of, at: () => `${of.slice(0, of.lastIndexOf(':'))}:${tag}` });

/** docs/examples/regsync.yml, the quickstart and hub-regsync.md share these steps and their `bkup-{{.Ref.Tag}}`. */
function hubExample(file: string, regctl: string, extra: readonly Mirror[] = []): Example {
  const regctlRegistry = regctl.slice(0, regctl.indexOf('/'));
  return {
    file,
    registries: { 'docker.io': HUB_LOGIN, 'registry:5000': undefined, ...(regctlRegistry === 'docker.io' ? {} : { [regctlRegistry]: undefined }) },
    mirrors: [
      { from: 'docker.io/library/busybox', to: 'registry:5000/library/busybox', selected: ['latest'], filtered: ['1.36', 'musl'] },
      { from: 'docker.io/library/alpine', to: 'registry:5000/library/alpine', selected: ['latest', '3', '3.19', '3.20'], filtered: ['edge', '3.19.1', '2'] },
      ...extra,
      { from: regctl, to: 'registry:5000/regclient/regctl', selected: ['latest'], filtered: ['edge', 'v0.5.0'] },
    ],
    changes: ['docker.io/library/busybox:latest', 'docker.io/library/alpine:3'],
    backups: [beside('registry:5000/library/busybox:latest', 'bkup-latest'), beside('registry:5000/library/alpine:3', 'bkup-3')],
  };
}

/** `printf "%d%d%d" $t.Year $t.Month $t.Day` in Go: local time, no padding. */
const goYMD = (d: Date): string => `${d.getFullYear()}${d.getMonth() + 1}${d.getDate()}`;

const EXAMPLES: readonly Example[] = [
  {
    file: 'docs-regsync-md.yml',
    registries: { 'docker.io': HUB_LOGIN, 'localhost:5000': undefined, 'localreg:5000': undefined, 'localcopy:5000': undefined },
    mirrors: [
      { from: 'docker.io/library/busybox', to: 'localhost:5000/library/busybox', selected: ['latest'], filtered: ['1.36'] },
      { from: 'docker.io/library/alpine', to: 'localhost:5000/library/alpine', selected: ['latest', 'edge', '3', '3.19'], filtered: ['3.0', '3.19.1', '2'] },
      // The registry step copies every repository the source's _catalog lists, every tag.
      { from: 'localreg:5000/team/app', to: 'localcopy:5000/team/app', selected: ['v1', 'v2'], filtered: [] },
      { from: 'localreg:5000/tools/cli', to: 'localcopy:5000/tools/cli', selected: ['1.0'], filtered: [] },
    ],
    changes: ['docker.io/library/busybox:latest', 'docker.io/library/alpine:3', 'localreg:5000/team/app:v2'],
    backups: [
      beside('localhost:5000/library/busybox:latest', 'backup-latest'),
      { of: 'localhost:5000/library/alpine:3', at: (d) => `localhost:5000/backups/library/alpine:3-${goYMD(d)}` },
    ],
  },
  hubExample('docs-examples-regsync.yml', 'ghcr.io/regclient/regctl', [
    { from: 'docker.io/library/debian', to: 'registry:5000/library/debian', selected: ['11', '12'], filtered: ['12.5', 'bookworm', 'latest'] },
  ]),
  hubExample('docs-regsync-quickstart.yml', 'ghcr.io/regclient/regctl'),
  hubExample('docs-hub-regsync.yml', 'docker.io/regclient/regctl'),
  ...['testdata-config1.yml', 'test-config-read.yml'].map((file): Example => ({
    file,
    registries: { 'docker.io': undefined, 'gcr.io': undefined, 'registry:5000': undefined },
    mirrors: [
      { from: 'docker.io/library/busybox', to: 'registry:5000/library/busybox', selected: ['latest'], filtered: ['1.36'] },
      // `3.9` is a regex: its dot matches any character, and it is anchored, so 3.19 is not selected.
      { from: 'docker.io/library/alpine', to: 'registry:5000/hub/alpine', selected: ['3', '3.9', '3-9', 'latest'], filtered: ['3.19', '3.9.1', 'edge'] },
      { from: 'gcr.io/example/repo', to: 'registry:5000/gcr/example/repo', selected: ['3', 'latest'], filtered: ['4', 'dev'] },
    ],
    changes: ['docker.io/library/busybox:latest', 'gcr.io/example/repo:latest'],
    backups: [beside('registry:5000/library/busybox:latest', 'bkup-latest'), beside('registry:5000/gcr/example/repo:latest', 'bkup-latest')],
  })),
  {
    file: 'testdata-config2.yml',
    registries: { 'docker.io': undefined, 'registry:5000': undefined },
    mirrors: [
      { from: 'docker.io/library/busybox', to: 'registry:5000/library/busybox', selected: ['latest'], filtered: ['1.36'] },
      { from: 'docker.io/library/alpine', to: 'registry:5000/library/alpine', selected: ['latest'], filtered: ['3'] },
    ],
    // No backup configured: a changed tag is overwritten and nothing else is written.
    changes: ['docker.io/library/alpine:latest'],
    backups: [],
  },
  // docs/examples/k8s-regsync.yaml: its first repository step writes a tag on both sides (`busybox:latest`); the tag
  // is ignored with a warning and the step syncs the repository.
  {
    file: 'docs-examples-k8s-configmap.yml',
    registries: { 'docker.io': undefined, 'registry:5000': undefined },
    mirrors: [
      { from: 'docker.io/library/busybox', to: 'registry:5000/library/busybox', selected: ['latest'], filtered: ['1.36'] },
      { from: 'docker.io/library/alpine', to: 'registry:5000/library/alpine', selected: ['latest', '3'], filtered: ['3.19', 'edge'] },
      { from: 'docker.io/library/debian', to: 'registry:5000/library/debian', selected: ['latest'], filtered: ['12'] },
    ],
    changes: ['docker.io/library/busybox:latest', 'docker.io/library/alpine:3'],
    backups: [beside('registry:5000/library/busybox:latest', 'bkup-latest'), beside('registry:5000/library/alpine:3', 'bkup-3')],
  },
  ...['regclient-org-usage.yml', 'regclient-org-usage-tags.yml'].map((file): Example => ({
    file,
    registries: { 'docker.io': { youruser: HUB_TOKEN }, 'ghcr.io': undefined, 'registry.example.org': { syncuser: 'Pa$$w0rd' } },
    mirrors: [
      { from: 'docker.io/library/busybox', to: 'registry.example.org/library/busybox', selected: ['latest'], filtered: ['1.36'] },
      file === 'regclient-org-usage.yml'
        ? // Two tag sets: latest/edge, and v-prefixed patch versions in >=3.5.1 <4.0.
          {
            from: 'docker.io/library/alpine',
            to: 'registry.example.org/library/alpine',
            selected: ['latest', 'edge', 'v3.5.2', 'v3.6.0'],
            filtered: ['v3.5.0', 'v4.0.0', '3.19', 'v3.6'],
          }
        : {
            from: 'docker.io/library/alpine',
            to: 'registry.example.org/library/alpine',
            selected: ['latest', 'edge', '3', '3.19'],
            filtered: ['3.0', '3.19.1', 'v3.19'],
          },
      {
        from: 'ghcr.io/regclient/regctl',
        to: 'registry.example.org/regclient/regctl',
        selected: ['latest', 'edge', 'v0.5.0'],
        filtered: ['main', 'v0.5.0-rc1'],
      },
    ],
    changes: ['docker.io/library/busybox:latest', 'ghcr.io/regclient/regctl:edge'],
    backups: [],
  })),
];

/** `REGISTRY/REPO[:TAG]` in an example's names → registry name, repository, tag. */
function split(name: string): { registry: string; repo: string; tag?: string } {
  const slash = name.indexOf('/');
  const rest = name.slice(slash + 1);
  const colon = rest.lastIndexOf(':');
  return colon < 0
    ? { registry: name.slice(0, slash), repo: rest }
    : { registry: name.slice(0, slash), repo: rest.slice(0, colon), tag: rest.slice(colon + 1) };
}

/** A running example: its registries by the names it uses, and skopeo's view of them. */
class Setup {
  readonly regs = new Map<string, RunningRegistry>();

  reg(name: string): RunningRegistry {
    const reg = this.regs.get(name);
    assert.ok(reg, `no registry stands in for ${name}`);
    return reg;
  }

  /** `docker://127.0.0.1:PORT/REPO[:TAG]` for a name of the example's. */
  skopeoRef(name: string): string {
    const { registry, repo, tag } = split(name);
    return `docker://${this.reg(registry).host}/${repo}${tag === undefined ? '' : `:${tag}`}`;
  }

  async tags(repoName: string): Promise<string[]> {
    return (await skopeoListTags(this.skopeoRef(repoName), this.reg(split(repoName).registry).credentials)).sort();
  }

  async digest(name: string): Promise<string> {
    return skopeoDigest(this.skopeoRef(name), this.reg(split(name).registry).credentials);
  }

  hostFlags(): string[] {
    return [...this.regs].flatMap(([name, reg]) => ['--host', `reg=${name},hostname=${reg.host},tls=disabled`]);
  }

  writes(): string[] {
    return [...this.regs].flatMap(([name, reg]) => writesIn(reg.requests()).map((r) => `${name} ${r.method} ${r.path}`));
  }

  clearRequests(): void {
    for (const reg of this.regs.values()) reg.clearRequests();
  }
}

/** Starts one registry for each name the example uses, in parallel. */
async function startRegistries(ex: Example, setup: Setup): Promise<void> {
  await Promise.all(
    Object.entries(ex.registries).map(async ([name, users]) => {
      setup.regs.set(name, await startRegistry(users ? { auth: 'basic', users } : {}));
    }),
  );
}

/** The example's text with its secret files provided, written into the workspace under its own name. */
async function writeExampleConfig(ws: SyncWorkspace, file: string): Promise<{ path: string; secretDirs: string[] }> {
  const text = withSecretFiles(readFileSync(join(FIXTURES, file), 'utf8'));
  const secretDirs = [...new Set([...text.matchAll(/(\/[^"\\]*regkit-secret-[^/"\\]+)\//g)].map((m) => m[1]!))];
  return { path: await ws.writeConfig(basename(file), text), secretDirs };
}

/** `op status target`, sorted, with the example's registry names in place of the harness hosts. */
function outcome(lines: readonly ResultLine[], setup: Setup): string[] {
  const byHost = new Map([...setup.regs].map(([name, reg]) => [reg.host, name]));
  const named = (ref: string | null) => (ref ?? '').replace(/^[^/]+/, (host) => byHost.get(host) ?? host);
  return lines.map((l) => `${l.op} ${l.status} ${named(l.target)}`).sort();
}

describe('regsync documentation examples run unchanged against local registries', { concurrency: 4 }, () => {
  for (const ex of EXAMPLES) {
    describe(ex.file, { concurrency: false }, () => {
      let ws: SyncWorkspace;
      let setup: Setup;
      let config: string;
      let secretDirs: string[] = [];
      /** Digest each source tag had when the first run copied it. */
      const firstDigests = new Map<string, string>();

      const sync = (mode: 'check' | 'once'): Promise<CliRun> =>
        runRegkit(['sync', mode, '-c', config, ...setup.hostFlags(), '--format', 'json'], ws.dockerConfig);
      /** Each target repository's tags the example must leave, backups included once `withBackups`. */
      async function assertTargets(withBackups: boolean, days: readonly Date[]): Promise<void> {
        const expected = new Map<string, Set<string>>();
        const add = (repoName: string, tag: string) => expected.set(repoName, (expected.get(repoName) ?? new Set()).add(tag));
        for (const m of ex.mirrors) for (const t of m.selected) add(m.to, t);
        for (const b of withBackups ? ex.backups : []) {
          const candidates = days.map((d) => b.at(d));
          const { registry, repo } = split(candidates[0]!);
          const present = await setup.tags(`${registry}/${repo}`);
          const found = candidates.find((c) => present.includes(split(c).tag!));
          assert.ok(found, `no backup of ${b.of} at ${candidates.join(' or ')}; ${registry}/${repo} has ${present.join(', ')}`);
          add(`${registry}/${repo}`, split(found).tag!);
          assert.equal(await setup.digest(found), firstDigests.get(sourceOf(b.of)), `${found} holds the image ${b.of} had before`);
        }
        for (const [repoName, tags] of expected) assert.deepEqual(await setup.tags(repoName), [...tags].sort(), repoName);
        for (const m of ex.mirrors) {
          for (const t of m.selected) assert.equal(await setup.digest(`${m.to}:${t}`), await setup.digest(`${m.from}:${t}`), `${m.to}:${t}`);
        }
      }
      /** The source tag a target tag mirrors. */
      function sourceOf(target: string): string {
        const { registry, repo, tag } = split(target);
        const m = ex.mirrors.find((x) => x.to === `${registry}/${repo}`);
        assert.ok(m, `no mirror targets ${target}`);
        return `${m.from}:${tag}`;
      }

      before(async () => {
        ws = await makeSyncWorkspace('regkit-sync-examples-');
        setup = new Setup();
        await startRegistries(ex, setup);
        ({ path: config, secretDirs } = await writeExampleConfig(ws, ex.file));
        await Promise.all(
          ex.mirrors.map(async (m, i) => {
            const { registry, repo } = split(m.from);
            await seedTags(setup.reg(registry), join(ws.dir, `seed-${i}`), repo, [...m.selected, ...m.filtered], {
              tag: 'seed',
              seed: `${ex.file}/${m.from}`,
              layerSize: 256,
            });
          }),
        );
      });
      after(async () => {
        await Promise.all([...(setup?.regs.values() ?? [])].map((r) => r.stop()));
        await Promise.all(secretDirs.map((d) => rm(d, { recursive: true, force: true })));
        await ws?.remove();
      });

      it('check plans a copy of every selected tag, leaves out the filtered ones, and writes nothing', async () => {
        setup.clearRequests();
        const run = await sync('check');
        assertExit(run, 0);
        const planned = outcome(resultLines(run.stdout), setup);
        const expected = ex.mirrors.flatMap((m) => m.selected.map((t) => `sync would-copy ${m.to}:${t}`));
        assert.deepEqual(
          planned.filter((l) => !l.startsWith('sync excluded ')),
          expected.sort(),
        );
        // Image steps never list their repository, so only a repository step's rejects are reported as excluded.
        for (const m of ex.mirrors)
          for (const t of m.filtered) assert.ok(!planned.some((l) => l.endsWith(` ${m.to}:${t}`) && !l.startsWith('sync excluded ')), `${m.to}:${t}`);
        assert.deepEqual(setup.writes(), []);
      });

      it('once copies exactly the selected tags, each with its source digest', async () => {
        const run = await sync('once');
        assertExit(run, 0);
        const lines = resultLines(run.stdout);
        assert.deepEqual(
          lines
            .filter((l) => l.status !== 'excluded')
            .map((l) => `${l.op} ${l.status}`)
            .filter((s) => s !== 'sync copied'),
          [],
          run.stdout,
        );
        await assertTargets(false, []);
        for (const m of ex.mirrors) for (const t of m.selected) firstDigests.set(`${m.from}:${t}`, await setup.digest(`${m.from}:${t}`));
      });

      it('after source tags change, once updates them and backs up the old images where the example says', async () => {
        const layout = join(ws.dir, 'changed');
        const image = await makeImageLayout(layout, { tag: 'changed', seed: `${ex.file}/changed`, layerSize: 256 });
        for (const ref of ex.changes)
          await skopeoCopy(`oci:${layout}:changed`, setup.skopeoRef(ref), { all: true, destCreds: setup.reg(split(ref).registry).credentials });
        const days = [new Date()];
        const run = await sync('once');
        days.push(new Date());
        assertExit(run, 0);
        const changedTargets = ex.mirrors.flatMap((m) => m.selected.filter((t) => ex.changes.includes(`${m.from}:${t}`)).map((t) => `${m.to}:${t}`));
        const active = outcome(resultLines(run.stdout), setup).filter((l) => !/^sync (skipped|excluded) /.test(l));
        assert.deepEqual(
          active.filter((l) => l.startsWith('sync ')),
          changedTargets.map((t) => `sync copied ${t}`).sort(),
        );
        assert.equal(active.filter((l) => l.startsWith('backup backed-up ')).length, ex.backups.length, active.join('\n'));
        for (const t of changedTargets) assert.equal(await setup.digest(t), image.digest, t);
        await assertTargets(true, days);
      });

      it('a third run is a no-op: every selected tag skipped, nothing written', async () => {
        setup.clearRequests();
        const run = await sync('once');
        assertExit(run, 0);
        const lines = resultLines(run.stdout);
        assert.deepEqual(
          lines.filter((l) => l.status !== 'skipped' && l.status !== 'excluded'),
          [],
        );
        assert.equal(
          lines.filter((l) => l.status === 'skipped').length,
          ex.mirrors.reduce((n, m) => n + m.selected.length, 0),
        );
        assert.deepEqual(setup.writes(), []);
      });
    });
  }
});
