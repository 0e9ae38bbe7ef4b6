// GitHub's own REST description (the `@octokit/openapi` dev dependency, read from node_modules, never committed) and a
// small JSON Schema checker for the parts of it the GitHub Packages emulator serves: types (with OpenAPI's
// `nullable` and 3.1's type lists), properties, required, items, enum, $ref, allOf/anyOf/oneOf and `date-time`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

export interface Parameter {
  $ref?: string;
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: JsonSchema;
}

interface ResponseObject {
  $ref?: string;
  content?: Record<string, { schema?: JsonSchema }>;
}

export interface Operation {
  operationId: string;
  parameters?: Parameter[];
  responses: Record<string, ResponseObject>;
}

export interface OpenApiDescription {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, Parameter>;
    responses: Record<string, ResponseObject>;
  };
}

let loaded: OpenApiDescription | undefined;

/** api.github.com's description, parsed once per process (13 MB of JSON). */
export function githubDescription(): OpenApiDescription {
  if (!loaded) {
    const pkg = createRequire(import.meta.url).resolve('@octokit/openapi/package.json');
    loaded = JSON.parse(readFileSync(join(dirname(pkg), 'generated', 'api.github.com.json'), 'utf8')) as OpenApiDescription;
  }
  return loaded;
}

function resolved<T extends { $ref?: string }>(doc: OpenApiDescription, node: T): T {
  let n = node;
  for (let hops = 0; n.$ref !== undefined; hops++) {
    if (hops > 20) throw new Error(`$ref loop at ${node.$ref}`);
    const path = n.$ref.replace(/^#\//, '').split('/');
    let target: unknown = doc;
    for (const p of path) target = (target as Record<string, unknown>)[p];
    if (target === undefined) throw new Error(`unresolved $ref ${n.$ref}`);
    n = target as T;
  }
  return n;
}

export function parameterOf(doc: OpenApiDescription, p: Parameter): Parameter {
  return resolved(doc, p);
}

/** The JSON schema of an operation's response with this status; undefined when the description gives it no body. */
export function responseSchema(doc: OpenApiDescription, op: Operation, status: number): JsonSchema | undefined {
  const response = op.responses[String(status)];
  if (!response) throw new Error(`${op.operationId} does not describe a ${status} response`);
  return resolved(doc, response).content?.['application/json']?.schema;
}

export function namedSchema(doc: OpenApiDescription, name: string): JsonSchema {
  const s = doc.components.schemas[name];
  if (!s) throw new Error(`no schema "${name}" in the description`);
  return s;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Every way `value` breaks `schema`, as `path: what`; empty when it conforms. */
export function schemaErrors(doc: OpenApiDescription, schema: JsonSchema, value: unknown, at = '$'): string[] {
  const s = resolved(doc, schema);
  const errors: string[] = [];
  const actual = typeOf(value);
  if (s.type !== undefined) {
    const allowed = new Set(Array.isArray(s.type) ? s.type : [s.type]);
    if (s.nullable) allowed.add('null');
    const ok = allowed.has(actual) || (actual === 'integer' && allowed.has('number'));
    if (!ok) return [`${at}: ${actual}, described as ${[...allowed].join('|')}`];
  }
  if (value === null) return errors;
  if (s.enum && !s.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
  if (s.format === 'date-time' && typeof value === 'string' && !DATE_TIME.test(value)) errors.push(`${at}: "${value}" is not a date-time`);
  if (actual === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of s.required ?? []) if (!(key in obj)) errors.push(`${at}.${key}: required, missing`);
    for (const [key, sub] of Object.entries(s.properties ?? {})) if (key in obj) errors.push(...schemaErrors(doc, sub, obj[key], `${at}.${key}`));
  }
  if (actual === 'array' && s.items) (value as unknown[]).forEach((item, i) => errors.push(...schemaErrors(doc, s.items!, item, `${at}[${i}]`)));
  for (const sub of s.allOf ?? []) errors.push(...schemaErrors(doc, sub, value, at));
  if (s.anyOf && !s.anyOf.some((sub) => schemaErrors(doc, sub, value, at).length === 0)) errors.push(`${at}: matches none of anyOf`);
  if (s.oneOf) {
    const matching = s.oneOf.filter((sub) => schemaErrors(doc, sub, value, at).length === 0).length;
    if (matching !== 1) errors.push(`${at}: matches ${matching} of oneOf, not exactly 1`);
  }
  return errors;
}
