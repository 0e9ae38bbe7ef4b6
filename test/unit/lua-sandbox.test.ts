import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { assertOk, luaTestEnv, messages } from './lua-helpers.js';

const env = luaTestEnv();
after(() => env.close());

describe('Lua sandbox', () => {
  const denied: Array<[string, string]> = [
    ['io', 'return io'],
    ['os.execute', 'return os.execute'],
    ['os.remove', 'return os.remove'],
    ['os.rename', 'return os.rename'],
    ['os.exit', 'return os.exit'],
    ['os.getenv', 'return os.getenv'],
    ['os.tmpname', 'return os.tmpname'],
    ['require', 'return require'],
    ['package', 'return package'],
    ['dofile', 'return dofile'],
    ['loadfile', 'return loadfile'],
    ['debug', 'return debug'],
    ['js', 'return js'],
    ['fengari', 'return fengari'],
    ['string.dump', 'return string.dump'],
  ];
  for (const [name, expr] of denied) {
    it(`has no ${name}`, async () => {
      const r = assertOk(await env.run(`local v = (function() ${expr} end)()\nlog(type(v))`));
      assert.deepEqual(messages(r), ['nil']);
    });
  }

  it('loads text chunks but refuses binary ones, through load and loadstring', async () => {
    const r = assertOk(
      await env.run(`
        log(tostring(load("return 40 + 2")()))
        log(tostring(loadstring("return 'five'")()))
        local f, err = load("\\27Lua" .. string.rep("\\0", 20), "bin", "b")
        log(tostring(f) .. " " .. err)
      `),
    );
    assert.equal(messages(r)[0], '42');
    assert.equal(messages(r)[1], 'five');
    assert.match(messages(r)[2]!, /^nil .*attempt to load a binary chunk/);
  });

  it('allows collectgarbage("count") only', async () => {
    assertOk(await env.run(`assert(type(collectgarbage("count")) == "number")`));
    const r = await env.run(`collectgarbage()`);
    assert.equal(r.ok, false);
    assert.match(r.error!, /^test-script:1: collectgarbage\("collect"\) is not available/);
  });

  it('stops an endless loop at the timeout with the script name and line', async () => {
    const started = Date.now();
    const r = await env.run(`local n = 0\nwhile true do n = n + 1 end`, { timeoutMs: 300 });
    assert.equal(r.ok, false);
    assert.match(r.error!, /^test-script:2: script "test-script" timed out after 0.3s/);
    assert.ok(Date.now() - started < 3000);
  });

  it('does not let pcall, xpcall or a coroutine swallow the timeout', async () => {
    for (const source of [
      `while true do pcall(function() while true do end end) end`,
      `while true do xpcall(function() while true do end end, function() return "handled" end) end`,
      `local co = coroutine.create(function() while true do end end)\nwhile true do coroutine.resume(co) end`,
    ]) {
      const r = await env.run(`${source}\nlog("escaped")`, { timeoutMs: 200 });
      assert.equal(r.ok, false, source);
      assert.match(r.error!, /timed out after 0.2s/);
      assert.deepEqual(r.logs, []);
    }
  });

  it('refuses string.rep, table.concat and string.gsub results over the memory limit before allocating', async () => {
    const started = Date.now();
    const rep = await env.run(`local s = string.rep("x", 1e9)`);
    assert.equal(rep.ok, false);
    assert.match(rep.error!, /^test-script:1: string.rep would build a string of 1000000000 bytes, over this script's memory limit of 268435456 bytes/);
    assert.ok(Date.now() - started < 2000, 'refused before allocating');
    const method = await env.run(`local s = ("ab"):rep(1e8, ",")`, { memoryLimitMiB: 16 });
    assert.match(method.error!, /string.rep would build a string of 2\d+ bytes, over this script's memory limit of 16777216 bytes/);
    const concat = await env.run(`local t, y = {}, string.rep("y", 200000)\nfor i = 1, 100 do t[i] = y end\nlocal s = table.concat(t, ",")`, {
      memoryLimitMiB: 16,
    });
    assert.match(concat.error!, /^test-script:3: table.concat would build a string/);
    const gsub = await env.run(`local s = string.rep("z", 5000):gsub("z", string.rep("w", 5000))`, { memoryLimitMiB: 16 });
    assert.match(gsub.error!, /string.gsub would build a string/);
    assertOk(await env.run(`assert(#string.rep("ok", 10, "-") == 29)\nassert(table.concat({"a","b"}, "+") == "a+b")`));
  });

  it('names the script and line of a syntax error', async () => {
    const r = await env.run(`log("fine")\n\nlocal x = = 2`, { name: 'Delete old builds' });
    assert.equal(r.ok, false);
    assert.match(r.error!, /^Delete old builds:3: unexpected symbol near '='/);
    assert.deepEqual(r.logs, [], 'nothing ran');
  });

  it('names the script and line of a runtime error', async () => {
    const r = await env.run(`local t = nil\n\nlog(t.x)`);
    assert.match(r.error!, /^test-script:3: attempt to index a nil value \(local 't'\)/);
  });
});

describe('Lua 5.1 compatibility', () => {
  it('provides unpack, table.getn, table.maxn, math.pow, math.mod, math.log10, string.gfind', async () => {
    const r = assertOk(
      await env.run(`
        local a, b, c = unpack({1, 2, 3})
        log(a .. b .. c)
        log(table.getn({"x", "y"}))
        log(table.maxn({[1] = 1, [7] = 2}))
        log(math.pow(2, 10))
        log(math.mod(7, 3))
        log(math.log10(1000))
        local words = {}
        for w in string.gfind("one two", "%a+") do words[#words + 1] = w end
        log(table.concat(words, "|"))
        local tags = {"a", "b", "c", "d", "e"}
        local kept = {unpack(tags, #tags - 3 + 1)}
        log(table.concat(kept, ","))
      `),
    );
    assert.deepEqual(messages(r), ['123', '2', '7', '1024', '1', '3', 'one|two', 'c,d,e']);
  });

  it('prints integral floats as Lua 5.1 does and formats %d of large floats', async () => {
    const r = assertOk(await env.run(`log(tostring(10 / 2))\nlog(tostring(3e9))\nlog(string.format("%d|%5d|%d", 3e9, 7.0, 2.9))\nlog(tostring(0.5))`));
    assert.deepEqual(messages(r), ['5', '3000000000', '3000000000|    7|2', '0.5']);
  });

  it('has os.time as a float, os.date with UTC "!" formats and *t, os.clock and os.difftime', async () => {
    const r = assertOk(
      await env.run(`
        local now = os.time()
        assert(math.type(now) == "float")
        assert(now * 1000 > 2147483647, "no 32-bit wrap")
        log(os.date("!%Y-%m-%dT%H:%M:%SZ", 86400 * 365))
        log(os.date("!*t", 0).year)
        log(os.difftime(10, 4))
        assert(type(os.clock()) == "number")
      `),
    );
    assert.deepEqual(messages(r), ['1971-01-01T00:00:00Z', '1970', '6']);
  });

  // Expectations from gopher-lua (regbot's Lua): every number is a float64, printed by LNumber.String (an exact
  // int64 as an integer, anything else as Go's fmt.Sprint).
  const NUMBERS: Array<[string, string]> = [
    ['2147483647 + 1', '2147483648'],
    ['os.time() * 1000 > 2^31 and "big" or "wrapped"', 'big'],
    ['1700000000 * 1000', '1700000000000'],
    ['365 * 24 * 3600 * 1000', '31536000000'],
    ['2^53', '9007199254740992'],
    ['2^53 + 1', '9007199254740992'],
    ['-2^63', '-9223372036854775808'],
    ['2^63', '9.223372036854776e+18'],
    ['2^70', '1.1805916207174113e+21'],
    ['0xFFFFFFFF', '4294967295'],
    ['tonumber("4294967296") + 1', '4294967297'],
    ['"3000000000" + 1', '3000000001'],
    ['1 / 3', '0.3333333333333333'],
    ['0.1', '0.1'],
    ['1234567.5', '1.2345675e+06'],
    ['123456.5', '123456.5'],
    ['0.0001', '0.0001'],
    ['0.00001', '1e-05'],
    ['1 / 0', '+Inf'],
    ['-1 / 0', '-Inf'],
    ['7 % 3', '1'],
    ['-7 % 3', '2'],
    ['math.floor(2^40 + 0.5) + 2^40', '2199023255552'],
    ['math.floor(1e9) * math.floor(1e3)', '1000000000000'],
    ['#"abcd" * 1e9', '4000000000'],
    ['string.format("%d", 2^40)', '1099511627776'],
    ['5 .. ""', '5'],
  ];
  for (const [expr, printed] of NUMBERS) {
    it(`evaluates ${expr} to ${printed} as gopher-lua does`, async () => {
      const r = assertOk(await env.run(`log(tostring(${expr}))`));
      assert.deepEqual(messages(r), [printed]);
    });
  }

  it('has Lua 5.1 math: atan2, cosh, sinh, tanh, frexp, ldexp, pow, log10, mod', async () => {
    const r = assertOk(
      await env.run(`
        print(math.atan2(1, 1) == math.pi / 4)
        print(math.cosh(0), math.sinh(0), math.tanh(0))
        print(math.frexp(8))
        print(math.frexp(-0.375))
        print(math.frexp(0))
        print(math.ldexp(0.5, 4), math.pow(2, 0.5) == math.sqrt(2), math.log10(100), math.mod(-7, 3))
      `),
    );
    assert.deepEqual(messages(r), ['true', '1\t0\t0', '0.5\t4', '-0.75\t-1', '0\t0', '8\ttrue\t2\t-1']);
  });

  it('routes print to the script log instead of stdout', async () => {
    const r = assertOk(await env.run(`print("a", 1, true)`));
    assert.deepEqual(r.logs, [{ message: 'a\t1\ttrue', line: 1 }]);
  });
});
