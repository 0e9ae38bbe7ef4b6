// The CLI as users run it: `node build/src/main.js …` against registries with token and with basic auth,
// credentials from a docker config.json in a temporary DOCKER_CONFIG.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { digestOf } from '../../src/oci/digest.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout, type FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RegistryAuth, type RunningRegistry } from '../harness/registry.js';
import { skopeoCopy, skopeoInspectRaw, skopeoListTags } from '../harness/skopeo.js';

const MAIN = join(process.cwd(), 'build/src/main.js');

interface CliRun {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** The environment of a user's shell: no runner inputs, so the program stays a CLI. */
function cliEnv(dockerConfig: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_') && k !== 'GITHUB_ACTIONS'));
  return { ...env, DOCKER_CONFIG: dockerConfig };
}

function regkit(args: string[], dockerConfig: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: cliEnv(dockerConfig), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

async function writeDockerConfig(dir: string, host: string, user: string, pass: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const auth = Buffer.from(`${user}:${pass}`).toString('base64');
  await writeFile(join(dir, 'config.json'), JSON.stringify({ auths: { [host]: { auth } } }));
  return dir;
}

for (const auth of ['token', 'basic'] satisfies RegistryAuth[])
  describe(`regkit CLI against a registry with ${auth} auth`, () => {
    let reg: RunningRegistry;
    let tmp: string;
    let goodConfig: string;
    let badConfig: string;
    let image: FixtureImage;
    let host: string[];

    before(async () => {
      reg = await startRegistry({ auth });
      tmp = await makeTempDir('regkit-cli-itg-');
      image = await makeImageLayout(join(tmp, 'layout'), { tag: 'v1', platforms: ['linux/amd64', 'linux/arm64'], layers: 2, layerSize: 4096 });
      for (const ref of ['team/app:v1', 'team/app:v2', 'team/del:a', 'team/del:b']) {
        await skopeoCopy(`oci:${join(tmp, 'layout')}:v1`, `docker://${reg.host}/${ref}`, { all: true, destCreds: reg.credentials! });
      }
      goodConfig = await writeDockerConfig(join(tmp, 'good'), reg.host, reg.username!, reg.password!);
      badConfig = await writeDockerConfig(join(tmp, 'bad'), reg.host, reg.username!, 'not-the-password-42');
      host = ['--host', `reg=${reg.host},tls=disabled`];
    });

    after(async () => {
      await reg?.stop();
      if (tmp) await removeTempDir(tmp);
    });

    test('tag ls lists the tags, text and JSON, with flags before and after', async () => {
      const text = await regkit(['tag', 'ls', `${reg.host}/team/app`, ...host], goodConfig);
      assert.equal(text.stderr, '');
      assert.equal(text.code, 0);
      assert.equal(text.stdout.toString(), 'v1\nv2\n');
      const json = await regkit([...host, '--format', 'json', 'tag', 'ls', '--exclude', 'v1', `${reg.host}/team/app`], goodConfig);
      assert.equal(json.code, 0, json.stderr);
      assert.deepEqual(JSON.parse(json.stdout.toString()), ['v2']);
    });

    test('image manifest prints the exact bytes, whose digest is the image digest', async () => {
      const run = await regkit(['image', 'manifest', `${reg.host}/team/app:v1`, ...host], goodConfig);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(digestOf(run.stdout), image.digest);
      assert.deepEqual(run.stdout, await skopeoInspectRaw(`docker://${reg.host}/team/app:v1`, reg.credentials));
      const arm = await regkit(['image', 'manifest', '-p', 'linux/arm64', `${reg.host}/team/app:v1`, ...host], goodConfig);
      assert.equal(digestOf(arm.stdout), image.manifests.find((m) => m.platform.architecture === 'arm64')!.digest);
    });

    test('image digest and image config', async () => {
      const digest = await regkit(['image', 'digest', `${reg.host}/team/app:v2`, ...host], goodConfig);
      assert.equal(digest.stdout.toString(), `${image.digest}\n`);
      const amd64 = image.manifests.find((m) => m.platform.architecture === 'amd64')!;
      const config = await regkit(['image', 'config', `${reg.host}/team/app:v2`, '--platform', 'linux/amd64', ...host], goodConfig);
      assert.equal(config.code, 0, config.stderr);
      assert.equal(digestOf(config.stdout), amd64.config.digest);
      const needsPlatform = await regkit(['image', 'config', `${reg.host}/team/app:v2`, ...host], goodConfig);
      assert.equal(needsPlatform.code, 2);
      assert.match(needsPlatform.stderr, /^regkit: .*multi-platform index \(linux\/amd64, linux\/arm64\); pass --platform/);
    });

    test('a wrong password fails with exit 1, naming registry and repository, never the password', async () => {
      const run = await regkit(['tag', 'ls', `${reg.host}/team/app`, ...host], badConfig);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /^regkit: /);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
      assert.ok(run.stderr.includes(reg.host), run.stderr);
      assert.ok(run.stderr.includes('team/app'), run.stderr);
      assert.ok(!run.stderr.includes('not-the-password-42'));
      assert.ok(!run.stderr.includes(Buffer.from(`${reg.username}:not-the-password-42`).toString('base64')));
      const viaFlag = await regkit(
        [
          'image',
          'digest',
          `${reg.host}/team/app:v1`,
          '--host',
          `reg=${reg.host},tls=disabled,user=${reg.username},pass=flag-secret-77`,
          '--log-format',
          'json',
        ],
        goodConfig,
      );
      assert.equal(viaFlag.code, 1);
      const line = JSON.parse(viaFlag.stderr.trim().split('\n').at(-1)!) as { level: string; msg: string };
      assert.equal(line.level, 'error');
      assert.ok(line.msg.includes(reg.host) && line.msg.includes('team/app'), line.msg);
      assert.ok(!viaFlag.stderr.includes('flag-secret-77'));
    });

    test('usage mistakes exit 2 before touching the registry', async () => {
      reg.clearRequests();
      const bad = await regkit(['image', 'digest', `${reg.host}/Team/App:v1`, ...host], goodConfig);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /^regkit: invalid reference ".*\/Team\/App:v1": .*lowercase\n$/);
      const unknown = await regkit(['image', 'explode'], goodConfig);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /image commands: image digest, image manifest/);
      assert.deepEqual(reg.requests(), []);
    });

    test('copy reports copied then skipped, as JSON lines', async () => {
      const args = ['copy', `${reg.host}/team/app:v1`, `${reg.host}/team/copy:v1`, '--format', 'json', ...host];
      const first = await regkit(args, goodConfig);
      assert.equal(first.code, 0, first.stderr);
      const r1 = JSON.parse(first.stdout.toString()) as Record<string, unknown>;
      assert.deepEqual(Object.keys(r1).slice(0, 7), ['op', 'source', 'target', 'status', 'digest', 'bytes', 'reason']);
      assert.equal(r1['status'], 'copied');
      assert.equal(r1['digest'], image.digest);
      assert.deepEqual(
        await skopeoInspectRaw(`docker://${reg.host}/team/copy:v1`, reg.credentials),
        await skopeoInspectRaw(`docker://${reg.host}/team/app:v1`, reg.credentials),
      );
      const second = await regkit(args, goodConfig);
      assert.equal((JSON.parse(second.stdout.toString()) as Record<string, unknown>)['status'], 'skipped');
    });

    test('image delete refuses a digest other tags use, then deletes with --force; tag delete keeps the other tags', async () => {
      const refused = await regkit(['image', 'delete', `${reg.host}/team/del:a`, ...host], goodConfig);
      assert.equal(refused.code, 1);
      assert.match(
        refused.stdout.toString(),
        /^failed +127\.0\.0\.1:\d+\/team\/del:a +sha256:[0-9a-f]{12} +0 B +still used by b; delete those tags first or pass --force\n$/,
      );
      assert.deepEqual((await skopeoListTags(`docker://${reg.host}/team/del`, reg.credentials)).sort(), ['a', 'b']);

      await skopeoCopy(`oci:${join(tmp, 'layout')}:v1`, `docker://${reg.host}/team/del:c`, { all: true, destCreds: reg.credentials! });
      const untag = await regkit(['tag', 'delete', `${reg.host}/team/del:c`, ...host], goodConfig);
      assert.equal(untag.code, 0, untag.stderr);
      assert.match(untag.stdout.toString(), /^deleted +127\.0\.0\.1:\d+\/team\/del:c /);
      assert.deepEqual((await skopeoListTags(`docker://${reg.host}/team/del`, reg.credentials)).sort(), ['a', 'b']);

      const forced = await regkit(['image', 'delete', `${reg.host}/team/del:a`, '--force', ...host], goodConfig);
      assert.equal(forced.code, 0, forced.stderr);
      assert.match(forced.stdout.toString(), /^deleted /);
      const gone = await regkit(['image', 'digest', `${reg.host}/team/del:b`, ...host], goodConfig);
      assert.equal(gone.code, 1);
      assert.match(gone.stderr, /^regkit: .*team\/del.*/);
    });
  });
