// The template engine against Go's text/template documentation (https://pkg.go.dev/text/template): the examples
// given there, with the outputs the docs state.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/errors.js';
import { compileTemplate, TemplateExecError, TemplateSyntaxError } from '../../src/gotemplate/template.js';
import { expandTemplate } from './expand-template.js';

const run = (src: string, data: unknown = null) => expandTemplate(src, data, 'test', { env: {} });

describe('template: the pipeline examples of the text/template docs all print "output" quoted', () => {
  const examples = [
    '{{"\\"output\\""}}',
    '{{`"output"`}}',
    '{{printf "%q" "output"}}',
    '{{"output" | printf "%q"}}',
    '{{printf "%q" (print "out" "put")}}',
    '{{"put" | printf "%s%s" "out" | printf "%q"}}',
    '{{"output" | printf "%s" | printf "%q"}}',
    '{{with "output"}}{{printf "%q" .}}{{end}}',
    '{{with $x := "output" | printf "%q"}}{{$x}}{{end}}',
    '{{with $x := "output"}}{{printf "%q" $x}}{{end}}',
    '{{with $x := "output"}}{{$x | printf "%q"}}{{end}}',
  ];
  for (const ex of examples) it(ex, () => assert.equal(run(ex), '"output"'));
});

describe('template: text and actions', () => {
  it('trims white space around {{- and -}} (the docs example "23<45")', () => {
    assert.equal(run('{{23 -}} < {{- 45}}'), '23<45');
    assert.equal(run('a  \n {{- "b" -}} \n\t c'), 'abc');
  });
  it('needs a space after {{- for trimming: {{-3}} is the number -3', () => {
    assert.equal(run('x {{-3}}'), 'x -3');
  });
  it('drops comments, trimmed or not', () => {
    assert.equal(run('a{{/* a comment */}}b'), 'ab');
    assert.equal(run('a {{- /* a comment */ -}} b'), 'ab');
  });
  it('reads fields, chained fields, maps and $', () => {
    const data = { Sync: { Source: 'alpine', Tags: { Allow: ['3'] } }, M: new Map([['k', 'v']]) };
    assert.equal(run('{{.Sync.Source}} {{.Sync.Tags.Allow}} {{.M.k}} {{$.Sync.Source}}', data), 'alpine [3] v alpine');
  });
  it('prints <no value> for a missing map key, and fails on a missing struct field', () => {
    assert.equal(run('{{.M.nope}}', { M: new Map() }), '<no value>');
    assert.throws(
      () => run('{{.Sync.Nope}}', { Sync: {} }),
      (err: unknown) => err instanceof TemplateExecError && /can't evaluate field Nope/.test(err.message),
    );
  });
  it('calls methods with arguments and through parenthesized pipelines', () => {
    const data = { Obj: { Greet: (who: unknown) => `hi ${String(who)}` } };
    assert.equal(run('{{.Obj.Greet "you"}} {{"me" | .Obj.Greet}} {{(.Obj.Greet "x") | len}}', data), 'hi you hi me 4');
  });
});

describe('template: variables', () => {
  it('declares and assigns, with assignment reaching the outer scope', () => {
    assert.equal(run('{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}'), '2');
  });
  it('scopes a variable declared inside a control structure to it', () => {
    assert.throws(
      () => run('{{if true}}{{$y := 1}}{{end}}{{$y}}'),
      (err: unknown) => err instanceof TemplateSyntaxError && /undefined variable "\$y"/.test(err.message),
    );
  });
  it('binds $ to the data inside range', () => {
    assert.equal(run('{{range .L}}{{$.P}}{{.}} {{end}}', { L: [1, 2], P: '#' }), '#1 #2 ');
  });
});

describe('template: control structures', () => {
  it('if / else if / else', () => {
    const t = '{{if eq .A 1}}one{{else if eq .A 2}}two{{else}}many{{end}}';
    assert.deepEqual(
      [1, 2, 3].map((A) => run(t, { A })),
      ['one', 'two', 'many'],
    );
  });
  it('uses Go truth: false, 0, nil, "" and empty lists and maps are false; a struct is true', () => {
    const t = '{{if .}}T{{else}}F{{end}}';
    assert.deepEqual(
      [false, 0, null, '', [], new Map(), {}, 'x', [0], 1].map((v) => run(t, v)),
      ['F', 'F', 'F', 'F', 'F', 'F', 'T', 'T', 'T', 'T'],
    );
  });
  it('ranges over lists with index and element, over maps in key order, with else', () => {
    assert.equal(run('{{range $i, $e := .}}{{$i}}:{{$e}} {{end}}', ['a', 'b']), '0:a 1:b ');
    assert.equal(
      run(
        '{{range $k, $v := .}}{{$k}}={{$v}};{{end}}',
        new Map([
          ['b', 2],
          ['a', 1],
        ]),
      ),
      'a=1;b=2;',
    );
    assert.equal(run('{{range .}}x{{else}}empty{{end}}', []), 'empty');
    assert.equal(run('{{range $e := .}}{{$e}}{{end}}', ['p', 'q']), 'pq');
  });
  it('ranges over an integer, with break and continue', () => {
    assert.equal(run('{{range 5}}{{if eq . 1}}{{continue}}{{end}}{{if eq . 3}}{{break}}{{end}}{{.}}{{end}}'), '02');
  });
  it('with sets dot, else runs when the value is empty', () => {
    assert.equal(run('{{with .A}}[{{.}}]{{else}}none{{end}}', { A: 'x' }), '[x]');
    assert.equal(run('{{with .A}}[{{.}}]{{else}}none{{end}}', { A: '' }), 'none');
  });
});

describe('template: builtin functions', () => {
  it('and / or return the deciding operand and stop evaluating there', () => {
    assert.equal(run('{{and 1 0 (index .L 9)}}', { L: [] }), '0');
    assert.equal(run('{{or "" "b" (index .L 9)}}', { L: [] }), 'b');
    assert.equal(run('{{and 1 "x"}}'), 'x');
    assert.equal(run('{{not 0}} {{not "a"}}'), 'true false');
  });
  it('eq takes several operands; ne, lt, le, gt, ge compare numbers and strings', () => {
    assert.equal(run('{{eq 2 1 2}} {{eq "a" "b"}} {{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1 2}}'), 'true false true true true true false');
    assert.throws(() => run('{{eq 1 "1"}}'), /incompatible types for comparison/);
  });
  it('len counts bytes of strings, elements of lists and maps', () => {
    assert.equal(run('{{len "héllo"}} {{len .L}} {{len .M}}', { L: [1, 2, 3], M: new Map([['a', 1]]) }), '6 3 1');
  });
  it('index and slice', () => {
    assert.equal(run('{{index .L 1}} {{index .M "k"}} {{index .N 1 0}}', { L: ['a', 'b'], M: new Map([['k', 'v']]), N: [[1], [2]] }), 'b v 2');
    assert.equal(run('{{slice "abcdef" 1 3}} {{slice .L 1}}', { L: [1, 2, 3] }), 'bc [2 3]');
  });
  it('index out of range is an execution error naming the template and the action', () => {
    assert.throws(
      () => expandTemplate('x {{ index .L 5 }}', { L: [1] }, 'sync[0].target'),
      (err: unknown) =>
        err instanceof TemplateExecError && err.template === 'sync[0].target' && err.action === '{{ index .L 5 }}' && /index out of range: 5/.test(err.message),
    );
  });
  it('print, println (fmt.Sprint / Sprintln spacing)', () => {
    assert.equal(run('{{print 1 2 "a" 3}}'), '1 2a3');
    assert.equal(run('{{println 1 "a"}}'), '1 a\n');
  });
  it('html, js and urlquery escape', () => {
    assert.equal(run(`{{html "<a href='x'>&"}}`), '&lt;a href=&#39;x&#39;&gt;&amp;');
    assert.equal(run(`{{js "a'b<"}}`), "a\\'b\\u003C");
    assert.equal(run('{{urlquery "a b&c/d"}}'), 'a+b%26c%2Fd');
  });
});

describe("template: regclient's functions", () => {
  it('default replaces an empty value', () => {
    assert.equal(run('{{default "d" ""}} {{default "d" "v"}} {{.M.x | default "none"}}', { M: new Map() }), 'd v none');
  });
  it('env reads the given environment; an unset variable is ""', () => {
    assert.equal(expandTemplate('[{{env "A"}}][{{env "UNSET"}}]', null, 't', { env: { A: 'x' } }), '[x][]');
  });
  it('file reads and trims; an unreadable file expands to "" as in regclient, with a warning that names it', () => {
    const warnings: string[] = [];
    const opts = {
      readFile: (p: string) =>
        p === '/ok'
          ? '  secret\n'
          : (() => {
              throw Object.assign(new Error('no'), { code: 'ENOENT' });
            })(),
      onWarning: (m: string) => warnings.push(m),
    };
    assert.equal(expandTemplate('{{file "/ok"}}|', null, 't', opts), 'secret|');
    assert.deepEqual(warnings, []);
    assert.equal(expandTemplate('{{file "/missing"}}|', null, 't', opts), '|');
    assert.deepEqual(warnings, ['{{file "/missing"}} could not be read (ENOENT) and expands to ""']);
  });
  it('join, split, lower, upper, trimSpace', () => {
    assert.equal(run('{{join (split "a,b,c" ",") "-"}} {{lower "AbC"}} {{upper "aBc"}} [{{trimSpace "  x \\n"}}]'), 'a-b-c abc ABC [x]');
  });
  it('json and jsonPretty end with a newline as Go encoders do; map keys sorted', () => {
    assert.equal(
      run(
        '{{json .}}',
        new Map<string, unknown>([
          ['b', [1]],
          ['a', '<&>'],
        ]),
      ),
      '{"a":"<&>","b":[1]}\n',
    );
    assert.equal(run('{{jsonPretty .}}', { A: 1 }), '{\n  "A": 1\n}\n');
    assert.equal(run('{{printPretty .}}', { A: 1 }), '{\n  "A": 1\n}\n');
  });
});

describe('template: errors at compile time, with positions relative to the template', () => {
  const cases: Array<[string, number, number, RegExp]> = [
    ['abc {{ nope }}', 1, 8, /function "nope" not defined/],
    ['a\n  {{ .A | }}', 2, 11, /missing command after \|/],
    ['{{ .A', 1, 6, /unclosed action/],
    ['{{ if .A }}x', 1, 13, /missing \{\{end\}\}/],
    ['{{ end }}', 1, 4, /unexpected \{\{end\}\}/],
    ['{{ template x }}', 1, 13, /template name must be a quoted string/],
    ['{{if true}}{{define "x"}}a{{end}}{{end}}', 1, 14, /unexpected \{\{define\}\}: a template is defined only at the top level/],
    ['{{define "x"}}a{{else}}b{{end}}', 1, 18, /unexpected \{\{else\}\} in the definition of "x"/],
    ['{{define "x"}}a', 1, 16, /missing \{\{end\}\} for the definition of "x"/],
    ['{{define "x"}}a{{end}}\n{{define "x"}}b{{end}}', 2, 3, /multiple definition of template "x"/],
    ['{{$v := 1}}{{define "x"}}{{$v}}{{end}}', 1, 28, /undefined variable "\$v"/],
    ['{{block "x"}}a{{end}}', 1, 12, /missing value for block/],
    ['{{ "abc }}', 1, 4, /unterminated quoted string/],
    ['{{ $x }}', 1, 4, /undefined variable "\$x"/],
  ];
  for (const [src, line, column, re] of cases) {
    it(JSON.stringify(src), () => {
      assert.throws(
        () => compileTemplate(src, 't'),
        (err: unknown) =>
          err instanceof TemplateSyntaxError && err instanceof ConfigError && err.line === line && err.column === column && re.test(err.message),
      );
    });
  }
});

describe('template: define, template and block, as in Go', () => {
  it('a definition prints nothing where it stands; {{template}} runs it with the pipeline as dot and $', () => {
    assert.equal(run('{{define "tag"}}{{.}}-{{$}}{{end}}a{{template "tag" .T}}b', { T: 'v1' }), 'av1-v1b');
  });
  it('without a pipeline dot is nil', () => {
    assert.equal(run('{{define "x"}}[{{.}}]{{end}}{{template "x"}}', { T: 1 }), '[<no value>]');
  });
  it('a definition sees no variables of the caller, only its own $', () => {
    assert.equal(run('{{define "x"}}{{$v := "in"}}{{$v}}{{end}}{{$v := "out"}}{{template "x"}}{{$v}}'), 'inout');
  });
  it('a template may be defined after its use, and may call others', () => {
    assert.equal(run('{{template "a" 2}}{{define "a"}}a{{template "b" .}}{{end}}{{define "b"}}b{{.}}{{end}}'), 'ab2');
  });
  it('recursion ends when the data does', () => {
    const list = { N: 1, Next: { N: 2, Next: { N: 3, Next: null } } };
    assert.equal(run('{{define "walk"}}{{.N}}{{with .Next}},{{template "walk" .}}{{end}}{{end}}[{{template "walk" .}}]', list), '[1,2,3]');
  });
  it('{{block}} defines and runs in place; a later {{define}} of the same name replaces its body', () => {
    assert.equal(run('<{{block "b" .}}default {{.}}{{end}}>', 'x'), '<default x>');
    // Go keeps a non-empty body against an empty one; `{{define "b"}}{{end}}` does not erase the block's.
    assert.equal(run('<{{block "b" .}}default{{end}}>{{define "b"}}{{end}}', 'x'), '<default>');
  });
  it('text outside definitions is the main template, whitespace included', () => {
    assert.equal(run('{{define "x"}}X{{end}}\n{{- template "x"}}\n'), 'X\n');
  });
  it('an undefined template fails when it runs, naming it and the action', () => {
    assert.throws(
      () => expandTemplate('ok\n  {{template "missing" .}}', {}, 'sync[0].target', { env: {} }),
      (err: unknown) =>
        err instanceof TemplateExecError &&
        err.template === 'sync[0].target' &&
        err.action === '{{template "missing" .}}' &&
        /^template sync\[0\]\.target:2:5: .*template "missing" not defined/.test(err.message),
    );
    // Not reached, not an error: Go resolves the name only when the action runs.
    assert.equal(run('{{if false}}{{template "missing"}}{{end}}done'), 'done');
  });
  it('endless recursion stops at the depth bound, quickly and without exhausting the stack', () => {
    const started = process.hrtime.bigint();
    assert.throws(
      () =>
        run(
          '{{define "r"}}{{if true}}{{with .}}{{range .}}{{if true}}{{with .}}{{range .}}{{template "r" $}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{template "r" .}}',
          [[1]],
        ),
      (err: unknown) => err instanceof TemplateExecError && /exceeded maximum template depth \(100\)/.test(err.message),
    );
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 2000);
  });
  it('a definition chain that doubles at each step stops at the call bound', () => {
    const defs = Array.from({ length: 30 }, (_, i) => `{{define "d${i}"}}{{template "d${i + 1}"}}{{template "d${i + 1}"}}{{end}}`).join('');
    const started = process.hrtime.bigint();
    assert.throws(
      () => run(`${defs}{{define "d30"}}x{{end}}{{template "d0"}}`),
      (err: unknown) => err instanceof TemplateExecError && /more than 100000 template calls in one run/.test(err.message),
    );
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 5000);
  });
});
