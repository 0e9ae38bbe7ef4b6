// Validates regsync's `schedule`: a 5-field cron line or a descriptor, as robfig/cron's standard parser takes them
// (https://pkg.go.dev/github.com/robfig/cron/v3). The workflow's own cron runs the job; the value is reported only.
import { parseGoDuration } from './duration.js';

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** robfig accepts `?` for "no specific value" in the day fields. */
  question?: boolean;
}

const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 6, names: DAYS, question: true },
];

function value(spec: FieldSpec, text: string): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + spec.min;
  if (!/^[0-9]+$/.test(text)) throw new Error(`${spec.name} value ${JSON.stringify(text)} is not a number`);
  const n = Number(text);
  if (n < spec.min || n > spec.max) throw new Error(`${spec.name} value ${n} is outside ${spec.min}-${spec.max}`);
  return n;
}

function checkField(spec: FieldSpec, field: string): void {
  for (const part of field.split(',')) {
    const [range, step, extra] = part.split('/');
    if (extra !== undefined || range === undefined || range === '') throw new Error(`${spec.name} field ${JSON.stringify(field)} is malformed`);
    if (step !== undefined && !/^[1-9][0-9]*$/.test(step)) throw new Error(`${spec.name} step ${JSON.stringify(step)} must be a positive number`);
    if (range === '*' || (range === '?' && spec.question)) continue;
    const [lo, hi, more] = range.split('-');
    if (more !== undefined) throw new Error(`${spec.name} range ${JSON.stringify(range)} is malformed`);
    const a = value(spec, lo!);
    if (hi !== undefined && value(spec, hi) < a) throw new Error(`${spec.name} range ${JSON.stringify(range)} runs backwards`);
  }
}

/** Throws an Error saying what is wrong with a schedule; returns normally when robfig/cron would accept it. */
export function validateCron(schedule: string): void {
  let s = schedule.trim();
  const tz = /^(?:CRON_TZ|TZ)=\S+\s+/.exec(s);
  if (tz) s = s.slice(tz[0].length);
  if (s.startsWith('@')) {
    if (DESCRIPTORS.has(s)) return;
    if (s.startsWith('@every ')) {
      parseGoDuration(s.slice(7).trim());
      return;
    }
    throw new Error(`unknown schedule descriptor ${JSON.stringify(s)}: use @hourly, @daily, @weekly, @monthly, @yearly or @every <duration>`);
  }
  const fields = s.split(/\s+/);
  if (fields.length !== 5)
    throw new Error(`schedule ${JSON.stringify(schedule)} has ${fields.length} fields; cron needs 5 (minute hour day-of-month month day-of-week)`);
  fields.forEach((f, i) => checkField(FIELDS[i]!, f));
}
