// Runs the suite under every Node major the bundle supports (20 for composite steps, 24 for the JS action).
// npm puts the node@24 package's binary first on PATH, so the system Node 20 is found by walking PATH.
// `unit` and `itg` name the suites (`npm run test:unit`, `npm run test:itg`; `npm test` runs both, each to its end);
// any other argument keeps only the test files whose path contains it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const SUITES = { unit: ['build/test/unit/'], itg: ['build/test/integration/', 'build/test/action/'] };
const required = (process.env.REGKIT_TEST_NODE_MAJORS ?? '20,24')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const args = process.argv.slice(2);
const suiteNames = args.filter((a) => a in SUITES);
const filter = args.filter((a) => !(a in SUITES));

function nodeBinaries() {
  const found = new Map();
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const bin = join(dir, 'node');
    if (!dir || !existsSync(bin)) continue;
    const r = spawnSync(bin, ['-p', 'process.versions.node'], { encoding: 'utf8' });
    if (r.status !== 0) continue;
    const major = r.stdout.trim().split('.')[0];
    if (!found.has(major)) found.set(major, { bin, version: r.stdout.trim() });
  }
  return found;
}

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...testFiles(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const all = testFiles('build/test').filter((f) => filter.length === 0 || filter.some((s) => f.includes(s)));
const groups = suiteNames.length === 0 ? [['all', all]] : suiteNames.map((name) => [name, all.filter((f) => SUITES[name].some((p) => f.startsWith(p)))]);
if (groups.every(([, files]) => files.length === 0)) {
  console.error('no test files found under build/test (run `npm run compile` first)');
  process.exit(1);
}
const nodes = nodeBinaries();
let failed = false;
for (const [name, files] of groups) {
  if (files.length === 0) continue;
  for (const major of required) {
    const node = nodes.get(major);
    if (!node) {
      console.error(`Node ${major} not found on PATH: install Node ${major} (Node 24 comes with \`npm ci\` as the node@24 package)`);
      process.exit(1);
    }
    console.log(`\n=== ${name}: Node ${node.version} (${node.bin}): ${files.length} test files`);
    const r = spawnSync(node.bin, ['--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
    if (r.status !== 0) failed = true;
  }
}
process.exit(failed ? 1 : 0);
