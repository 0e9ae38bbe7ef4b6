// time values in templates, against the time package docs (https://pkg.go.dev/time): reference layouts, Parse,
// the methods regsync configs call. Times are UTC.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GoTime } from '../../src/gotemplate/template.js';
import { expandTemplate } from './expand-template.js';
import { formatTime, parseTime } from '../../src/gotemplate/time.js';

// 2024-03-05T14:07:09.123456789Z, a Tuesday, day 65 of a leap year.
const T = new GoTime(1709647629123456789n);
const now = () => T;
const run = (src: string) => expandTemplate(src, null, 't', { now });

describe('time: Format with Go reference layouts', () => {
  const cases: Array<[string, string]> = [
    ['2006-01-02', '2024-03-05'],
    ['20060102', '20240305'],
    ['20060102150405', '20240305140709'],
    ['Jan January Mon Monday', 'Mar March Tue Tuesday'],
    ['15:04:05', '14:07:09'],
    ['3:04PM 03 pm', '2:07PM 02 pm'],
    ['2006-01-02T15:04:05Z07:00', '2024-03-05T14:07:09Z'],
    ['-0700 -07:00 MST', '+0000 +00:00 UTC'],
    ['05.000 05.999999999 05,000000', '09.123 09.123456789 09,123456'],
    ['_2 __2 002 06 1 2', ' 5  65 065 24 3 5'],
  ];
  for (const [layout, want] of cases) it(layout, () => assert.equal(formatTime(T, layout), want));
  it("String() is Go's default form", () => {
    assert.equal(new GoTime(1709596800000000000n).String(), '2024-03-05 00:00:00 +0000 UTC');
  });
});

describe('time: methods', () => {
  it('Year Month Day Hour Minute Second Unix UnixNano Weekday YearDay', () => {
    assert.equal(
      run(
        '{{$t := time.Now}}{{$t.Year}} {{$t.Month}} {{$t.Day}} {{$t.Hour}} {{$t.Minute}} {{$t.Second}} {{$t.Unix}} {{$t.UnixNano}} {{$t.Weekday}} {{$t.YearDay}}',
      ),
      '2024 March 5 14 7 9 1709647629 1709647629123456789 Tuesday 65',
    );
  });
  it('UTC, Add (nanoseconds) and AddDate (normalizing like Go: Jan 31 + 1 month = Mar 2 in a leap year)', () => {
    assert.equal(run('{{(time.Now.UTC.Add 3600000000000).Format "15:04"}}'), '15:07');
    assert.equal(expandTemplate('{{((time.Parse "2006-01-02" "2024-01-31").AddDate 0 1 0).Format "2006-01-02"}}', null, 't'), '2024-03-02');
  });
  it('(time).Now and time.Now are the same call', () => {
    assert.equal(run('{{(time).Now.Format "20060102"}} {{time.Now.Format "20060102"}}'), '20240305 20240305');
  });
  it("regsync's documented backup template", () => {
    const out = expandTemplate(
      '{{$t := time.Now}}{{printf "%s/backups/%s:%s-%d%d%d" .Ref.Registry .Ref.Repository .Ref.Tag $t.Year $t.Month $t.Day}}',
      { Ref: { Registry: 'localhost:5000', Repository: 'library/alpine', Tag: '3' } },
      't',
      { now },
    );
    assert.equal(out, 'localhost:5000/backups/library/alpine:3-202435');
  });
});

describe('time: Parse', () => {
  it('reads values in reference layouts, folding offsets into UTC', () => {
    assert.equal(parseTime('2006-01-02T15:04:05Z07:00', '2024-03-05T16:07:09+02:00').Format('2006-01-02 15:04:05'), '2024-03-05 14:07:09');
    assert.equal(parseTime('Jan 2, 2006 at 3:04pm (MST)', 'Feb 3, 2013 at 7:54pm (PST)').Format('2006-01-02 15:04'), '2013-02-03 19:54');
    assert.equal(parseTime('2006-01-02 15:04:05', '2024-03-05 14:07:09.5').Nanosecond(), 500000000);
    assert.equal(parseTime('20060102', '19991231').Year(), 1999);
  });
  it("rejects what Go rejects, with Go's wording", () => {
    assert.throws(() => parseTime('2006-01-02', '2024-3-05'), /cannot parse "3-05" as "01"/);
    assert.throws(() => parseTime('2006-01-02', '2024-02-30'), /day out of range/);
    assert.throws(() => parseTime('2006-01-02', '2024-02-03x'), /extra text/);
  });
  it('an error from time.Parse is an execution error of the template', () => {
    assert.throws(() => expandTemplate('{{time.Parse "2006" "x"}}', null, 't'), /error calling Parse: parsing time "x"/);
  });
});
