// Manifests, configs and descriptors as regbot scripts read them. regbot exports Go structs to Lua with each field
// under its Go name and its JSON name (`Config.Digest` and `config.digest`), numbers as floats, and times through
// Go's time.Time.String() (`2006-01-02 15:04:05 +0000 UTC`). `:export()` reads an edited table back: a field the
// script changed under either name wins over the original.
import type { HostValue, LuaValue } from './fengari.js';

interface Field {
  go: string;
  json: string;
  shape?: Shape;
}
type Shape = { kind: 'struct'; fields: Field[] } | { kind: 'array'; of: Shape } | { kind: 'time' } | { kind: 'plain' };

const plain: Shape = { kind: 'plain' };
const time: Shape = { kind: 'time' };
const struct = (fields: Array<[string, string, Shape?]>): Shape => ({
  kind: 'struct',
  fields: fields.map(([go, json, shape]) => ({ go, json, ...(shape ? { shape } : {}) })),
});
const array = (of: Shape): Shape => ({ kind: 'array', of });

const PLATFORM = struct([
  ['Architecture', 'architecture'],
  ['OS', 'os'],
  ['OSVersion', 'os.version'],
  ['OSFeatures', 'os.features'],
  ['Variant', 'variant'],
  ['Features', 'features'],
]);

const DESCRIPTOR = struct([
  ['MediaType', 'mediaType'],
  ['Digest', 'digest'],
  ['Size', 'size'],
  ['URLs', 'urls'],
  ['Annotations', 'annotations'],
  ['Data', 'data'],
  ['Platform', 'platform', PLATFORM],
  ['ArtifactType', 'artifactType'],
]);

export const MANIFEST = struct([
  ['SchemaVersion', 'schemaVersion'],
  ['MediaType', 'mediaType'],
  ['ArtifactType', 'artifactType'],
  ['Config', 'config', DESCRIPTOR],
  ['Layers', 'layers', array(DESCRIPTOR)],
  ['Manifests', 'manifests', array(DESCRIPTOR)],
  ['Subject', 'subject', DESCRIPTOR],
  ['Annotations', 'annotations'],
]);

const HISTORY = struct([
  ['Created', 'created', time],
  ['CreatedBy', 'created_by'],
  ['Author', 'author'],
  ['Comment', 'comment'],
  ['EmptyLayer', 'empty_layer'],
]);

export const IMAGE_CONFIG = struct([
  ['Created', 'created', time],
  ['Author', 'author'],
  ['Architecture', 'architecture'],
  ['OS', 'os'],
  ['OSVersion', 'os.version'],
  ['OSFeatures', 'os.features'],
  ['Variant', 'variant'],
  // The OCI image-spec's ImageConfig uses the Go names as JSON names (`Labels`, `Env`, ...).
  ['Config', 'config'],
  [
    'RootFS',
    'rootfs',
    struct([
      ['Type', 'type'],
      ['DiffIDs', 'diff_ids'],
    ]),
  ],
  ['History', 'history', array(HISTORY)],
]);

const GO_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}:\d{2})$/;

/** Go's time.Time.String() for an RFC 3339 timestamp, in the timestamp's own offset. */
export function goTimeString(rfc3339: string): string {
  const m = GO_TIME_RE.exec(rfc3339);
  if (!m) return rfc3339;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const fraction = frac ? `.${frac.slice(0, 9).replace(/0+$/, '')}` : '';
  const utc = zone === 'Z' || zone === 'z';
  const offset = utc ? '+0000' : zone!.replace(':', '');
  // A parsed offset has no zone name in Go, which then prints the offset again.
  return `${y}-${mo}-${d} ${h}:${mi}:${s}${fraction === '.' ? '' : fraction} ${offset} ${utc ? 'UTC' : offset}`;
}

/** The inverse of goTimeString, for configs a script edits and exports. */
function rfc3339FromGo(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) ([+-])(\d{2})(\d{2}) \S+$/.exec(text);
  if (!m) return text;
  const [, date, clock, sign, hh, mm] = m;
  return `${date}T${clock}${sign === '+' && hh === '00' && mm === '00' ? 'Z' : `${sign}${hh}:${mm}`}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON → the table regbot shows: each known field under both names; unknown fields under their JSON name. */
export function toRegbotShape(value: unknown, shape: Shape = plain): LuaValue {
  if (value === null || value === undefined) return null;
  if (shape.kind === 'time') return typeof value === 'string' ? goTimeString(value) : null;
  if (shape.kind === 'array') return Array.isArray(value) ? value.map((v) => toRegbotShape(v, shape.of)) : null;
  if (shape.kind === 'struct' && isObject(value)) {
    const out: Record<string, LuaValue> = {};
    const known = new Set<string>();
    for (const f of shape.fields) {
      known.add(f.json);
      if (!(f.json in value)) continue;
      const converted = toRegbotShape(value[f.json], f.shape);
      out[f.go] = converted;
      out[f.json] = converted;
    }
    for (const [k, v] of Object.entries(value)) if (!known.has(k)) out[k] = toRegbotShape(v);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => toRegbotShape(v));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toRegbotShape(v)]));
  return value as LuaValue;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The edited table back to JSON. `original` decides, for each field, which of its two names the script changed. */
export function fromRegbotShape(edited: HostValue, original: unknown, shape: Shape = plain): unknown {
  if (edited === null) return undefined;
  if (shape.kind === 'time') return typeof edited === 'string' ? rfc3339FromGo(edited) : edited;
  if (shape.kind === 'array') {
    if (!Array.isArray(edited)) return edited;
    const orig = Array.isArray(original) ? original : [];
    return edited.map((v, i) => fromRegbotShape(v, orig[i], shape.of));
  }
  if (shape.kind === 'struct' && isObject(edited) && !Array.isArray(edited)) {
    const orig = isObject(original) ? original : {};
    const out: Record<string, unknown> = {};
    const names = new Set<string>();
    for (const f of shape.fields) {
      names.add(f.go).add(f.json);
      const shown = toRegbotShape(orig[f.json], f.shape);
      const byGo = edited[f.go] ?? null;
      const byJson = edited[f.json] ?? null;
      const chosen = !same(byGo, shown) ? byGo : byJson;
      const value = fromRegbotShape(chosen, orig[f.json], f.shape);
      if (value !== undefined) out[f.json] = value;
    }
    for (const [k, v] of Object.entries(edited)) if (!names.has(k) && v !== null) out[k] = v;
    return out;
  }
  return edited;
}

export function descriptorFields(d: { mediaType: string; digest: string; size: number }): LuaValue {
  return toRegbotShape({ mediaType: d.mediaType, digest: d.digest, size: d.size }, DESCRIPTOR);
}

export function rateLimitFields(rl: { set: boolean; limit?: number; remaining?: number; reset?: number; policies: string[] } | undefined): LuaValue {
  const v = { Remain: rl?.remaining ?? 0, Limit: rl?.limit ?? 0, Reset: rl?.reset ?? 0, Set: rl?.set ?? false, Policies: rl?.policies ?? [] };
  return { ...v, remain: v.Remain, limit: v.Limit, reset: v.Reset, set: v.Set, policies: v.Policies };
}
