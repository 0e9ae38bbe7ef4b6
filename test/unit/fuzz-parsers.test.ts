// Hostile input for the parsers at the edge: references, WWW-Authenticate challenges, the Go-template subset and the
// regsync loader get random and mutated input. Each may refuse it only with its typed error (UsageError,
// ConfigError and its TemplateSyntaxError, TemplateExecError), and each case must end quickly: a parser that hangs on
// some input would hang a CI job. Runs are seeded (FAST_CHECK_SEED replays a failure); REGKIT_FUZZ_RUNS scales them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ConfigError, UsageError } from '../../src/errors.js';
import { formatReference, parseReference, parseRegistryHost } from '../../src/oci/reference.js';
import { loadSyncConfig } from '../../src/sync/config/load.js';
import { compileTemplate, GoTime, TemplateExecError } from '../../src/gotemplate/template.js';
import { parseWwwAuthenticate } from '../../src/transport/auth/challenge.js';

const RUNS = Number(process.env['REGKIT_FUZZ_RUNS'] ?? 300);
const SEED = process.env['FAST_CHECK_SEED'] !== undefined ? Number(process.env['FAST_CHECK_SEED']) : 20240601;
/** Per case; generous for a loaded CI runner, far below what a runaway loop or allocation takes. */
const CASE_BUDGET_MS = 500;
const TEST_TIMEOUT_MS = 120_000;
const params = { numRuns: RUNS, seed: SEED };

/** Runs `fn`, which may throw only one of `allowed`; fails when it takes longer than the budget. */
function bounded(what: string, input: string, fn: () => void, allowed: ReadonlyArray<new (...args: never[]) => Error>): void {
  const started = performance.now();
  try {
    fn();
  } catch (err) {
    if (!allowed.some((type) => err instanceof type)) {
      assert.fail(`${what} threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)} for ${JSON.stringify(input)}`);
    }
    assert.ok((err as Error).message.length > 0, `${what}: an empty error message for ${JSON.stringify(input)}`);
  }
  const took = performance.now() - started;
  assert.ok(took < CASE_BUDGET_MS, `${what} took ${Math.round(took)} ms for ${JSON.stringify(input)}`);
}

/** Strings built from the pieces a grammar is made of, so random input reaches deep into the parser. */
function piecesOf(pieces: readonly string[], maxLength = 30): fc.Arbitrary<string> {
  return fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), { maxLength }).map((parts) => parts.join(''));
}

const HEX64 = 'a'.repeat(64);
const REFERENCE_PIECES = [
  'ocidir://',
  'localhost',
  ':5000',
  '[::1]',
  '127.0.0.1',
  'docker.io',
  'index.docker.io',
  '/',
  '//',
  'library',
  'a',
  'A',
  '-',
  '_',
  '__',
  '.',
  '..',
  ':',
  ':tag',
  '@',
  `@sha256:${HEX64}`,
  'sha256:',
  'sha512:',
  ' ',
  '\t',
  '%2e',
  '\u0000',
  'é',
  `x${'y'.repeat(130)}`,
];

describe('fuzz: references', () => {
  test('parseReference accepts or throws UsageError; what it accepts formats and parses back to itself', { timeout: TEST_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(fc.oneof(piecesOf(REFERENCE_PIECES), fc.string({ unit: 'binary', maxLength: 80 })), (input) => {
        bounded(
          'parseReference',
          input,
          () => {
            const ref = parseReference(input);
            const again = parseReference(formatReference(ref));
            assert.deepEqual(again, ref, `${JSON.stringify(input)} → ${formatReference(ref)} parses differently`);
            if (ref.scheme === 'registry') assert.ok(!ref.repository.split('/').includes('..'), `".." as a repository component from ${JSON.stringify(input)}`);
          },
          [UsageError],
        );
      }),
      params,
    );
  });

  test('parseRegistryHost accepts a host[:port] or throws UsageError', { timeout: TEST_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(piecesOf(REFERENCE_PIECES, 8), (input) => {
        bounded('parseRegistryHost', input, () => void parseRegistryHost(input), [UsageError]);
      }),
      params,
    );
  });
});

const CHALLENGE_PIECES = [
  'Bearer',
  'Basic',
  'Negotiate',
  ' ',
  ',',
  '=',
  '==',
  '"',
  '\\',
  '\\"',
  'realm',
  'service',
  'scope',
  'error',
  '"https://auth.example/token"',
  'repository:a/b:pull,push',
  'abc',
  '\t',
  '\u00ff',
];

describe('fuzz: WWW-Authenticate', () => {
  test('parseWwwAuthenticate never throws, returns lower-cased schemes, and ends quickly even on long input', { timeout: TEST_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(fc.oneof(piecesOf(CHALLENGE_PIECES, 60), fc.string({ unit: 'binary', maxLength: 200 })), (input) => {
        bounded(
          'parseWwwAuthenticate',
          input,
          () => {
            for (const c of parseWwwAuthenticate(input)) {
              assert.equal(c.scheme, c.scheme.toLowerCase());
              assert.equal(typeof c.params, 'object');
            }
          },
          [],
        );
      }),
      params,
    );
  });

  test('a 64 KiB header of quotes and backslashes is parsed in bounded time', () => {
    const huge = `Bearer realm="${'\\"'.repeat(32 * 1024)}`;
    bounded('parseWwwAuthenticate', huge.slice(0, 40), () => void parseWwwAuthenticate(huge), []);
  });
});

const TEMPLATE_PIECES = [
  '{{',
  '}}',
  '{{-',
  '-}}',
  ' ',
  '.',
  '.Ref.Tag',
  '.Step',
  '$',
  '$x',
  ':=',
  '=',
  '|',
  '(',
  ')',
  '"',
  '"%s"',
  '`',
  'printf',
  'env',
  'file',
  'time.Now',
  '.Format',
  'index',
  'len',
  'eq',
  'and',
  'or',
  'not',
  'if',
  'else',
  'range',
  'with',
  'end',
  'define',
  'template',
  'block',
  '1',
  '-1',
  '1e9',
  '0x1F',
  "'a'",
  'nil',
  'true',
  '/*',
  '*/',
  '%',
  '%v',
  '%q',
  '%x',
  '%-10s',
  '%*d',
  '%999d',
  '%.3f',
];

describe('fuzz: Go-template subset', () => {
  const data = { Ref: { Tag: 'v1', Registry: 'r', Repository: 'a/b', Digest: `sha256:${HEX64}` }, Step: { Source: 's', Target: 't' } };
  const run = { env: { HOME: '/home/x' }, readFile: () => 'file content', now: () => GoTime.fromMillis(Date.UTC(2024, 0, 2, 3, 4, 5)) };

  test('random templates compile or throw ConfigError, and run or throw TemplateExecError', { timeout: TEST_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(piecesOf(TEMPLATE_PIECES, 24), (source) => {
        bounded('template', source, () => void compileTemplate(source, 'fuzz').execute(data, run), [ConfigError, TemplateExecError]);
      }),
      params,
    );
  });

  test('templates that are actions with random arguments run or fail with TemplateExecError', { timeout: TEST_TIMEOUT_MS }, () => {
    const action = fc.tuple(
      fc.constantFrom('printf', 'index', 'len', 'eq', 'env', 'file', 'time.Now', 'and', 'or', 'not'),
      fc.array(fc.constantFrom('"%s"', '"%d"', '"%*d"', '"%0999999d"', '.Ref', '.Ref.Tag', '1', '-1', '999999999', '"x"', 'nil', '.Nope', '(len "ab")'), {
        maxLength: 4,
      }),
    );
    fc.assert(
      fc.property(action, ([fn, args]) => {
        const source = `{{ ${fn} ${args.join(' ')} }}`;
        bounded('template', source, () => void compileTemplate(source, 'fuzz').execute(data, run), [ConfigError, TemplateExecError]);
      }),
      params,
    );
  });
});

const FIXTURES = join(process.cwd(), 'test/fixtures/regsync');
/** The fixture configs, with the secret files they read (absent here) swapped for an unset variable; the file name
 * may sit in YAML-escaped quotes. */
const VALID_CONFIGS = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.yml'))
  .map((f) => readFileSync(join(FIXTURES, f), 'utf8').replace(/\{\{\s*file\s+\\?"[^"\\]*\\?"\s*\}\}/g, '{{ env `HUB_TOKEN` }}'));
const YAML_PIECES = [
  'version: 1\n',
  'creds:\n',
  'defaults:\n',
  'sync:\n',
  '  - ',
  '    ',
  'source: ',
  'target: ',
  'type: ',
  'repository',
  'image',
  'registry',
  'tags:\n',
  'allow:',
  'deny:',
  '[',
  ']',
  '{',
  '}',
  ',',
  ': ',
  '\n',
  '- ',
  '&a ',
  '*a',
  '<<: *a\n',
  '!!binary ',
  '"',
  "'",
  '|\n',
  '>\n',
  '#',
  '---\n',
  '...\n',
  '{{ env "X" }}',
  '{{',
  'ratelimit:',
  'min: ',
  'retry: ',
  '1h',
  '-1',
  '1e400',
  'null',
  '~',
  'parallel: ',
  'backup: ',
  'platform: linux/amd64',
  '.*',
  '(',
  '*',
  '\t',
  '%',
];

/** Valid configs with a few random edits: bytes cut, pieces inserted, a span duplicated. */
const mutatedConfig = fc
  .tuple(
    fc.constantFrom(...VALID_CONFIGS),
    fc.array(fc.tuple(fc.constantFrom('cut', 'insert', 'duplicate'), fc.nat(), fc.nat({ max: 40 }), fc.constantFrom(...YAML_PIECES)), {
      minLength: 1,
      maxLength: 4,
    }),
  )
  .map(([text, edits]) => {
    let s = text;
    for (const [kind, at, length, piece] of edits) {
      const i = at % (s.length + 1);
      if (kind === 'cut') s = s.slice(0, i) + s.slice(i + length);
      else if (kind === 'insert') s = s.slice(0, i) + piece + s.slice(i);
      else s = s.slice(0, i) + s.slice(i, i + length) + s.slice(i);
    }
    return s;
  });

describe('fuzz: regsync config loader', () => {
  test('the fixture configs all load, so mutating them starts from valid input', () => {
    assert.ok(VALID_CONFIGS.length >= 5);
    for (const text of VALID_CONFIGS) loadSyncConfig({ text, name: 'regsync.yml' }, {});
  });

  test('random YAML-ish documents load or throw ConfigError', { timeout: TEST_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(piecesOf(YAML_PIECES, 40), (text) => {
        bounded('loadSyncConfig', text, () => void loadSyncConfig({ text, name: 'regsync.yml' }, {}), [ConfigError]);
      }),
      params,
    );
  });

  test('mutations of valid configs load or throw ConfigError with a position inside the file', { timeout: TEST_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(mutatedConfig, (text) => {
        bounded(
          'loadSyncConfig',
          text,
          () => {
            try {
              loadSyncConfig({ text, name: 'regsync.yml' }, {});
            } catch (err) {
              if (err instanceof ConfigError && err.line !== undefined)
                assert.ok(err.line >= 1 && err.line <= text.split('\n').length + 1, `line ${err.line} is outside the file: ${err.message}`);
              throw err;
            }
          },
          [ConfigError],
        );
      }),
      params,
    );
  });
});
