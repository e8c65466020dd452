/**
 * Readers of validated, defaulted configuration data (normalize.ts). Each narrows a value to the
 * type the schema guarantees at that key instead of casting it, so the typed Config cannot hold
 * a value of another type: one would be a defect of the schema or its defaults, reported as an
 * internal error that names the key.
 */
import { ReposentryError } from '../errors.js';

export type Raw = Record<string, unknown>;

export function isRaw(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unexpected(key: string, expected: string, v: unknown): never {
  throw new ReposentryError('internal', `configuration key ${key}: expected ${expected} after validation, got ${v === null ? 'null' : typeof v}`);
}

export function str(raw: Raw, key: string): string {
  const v = raw[key];
  return typeof v === 'string' ? v : unexpected(key, 'a string', v);
}

export function num(raw: Raw, key: string): number {
  const v = raw[key];
  return typeof v === 'number' ? v : unexpected(key, 'a number', v);
}

/** an optional number: absent → undefined */
export function optNum(raw: Raw, key: string): number | undefined {
  return raw[key] === undefined ? undefined : num(raw, key);
}

export function bool(raw: Raw, key: string): boolean {
  const v = raw[key];
  return typeof v === 'boolean' ? v : unexpected(key, 'true or false', v);
}

function isMember<T extends string>(v: unknown, allowed: readonly T[]): v is T {
  return typeof v === 'string' && allowed.some((a) => a === v);
}

/** one of the schema's enum values */
export function oneOf<T extends string>(raw: Raw, key: string, allowed: readonly T[]): T {
  const v = raw[key];
  return isMember(v, allowed) ? v : unexpected(key, `one of ${allowed.join(', ')}`, v);
}

/** an optional enum value: absent → undefined */
export function optOneOf<T extends string>(raw: Raw, key: string, allowed: readonly T[]): T | undefined {
  return raw[key] === undefined ? undefined : oneOf(raw, key, allowed);
}

/** an optional list of enum values: absent → undefined */
export function optListOf<T extends string>(raw: Raw, key: string, allowed: readonly T[]): T[] | undefined {
  const v = raw[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) return unexpected(key, 'a list', v);
  return v.map((x) => (isMember(x, allowed) ? x : unexpected(key, `a list of ${allowed.join(', ')}`, x)));
}

/** a mapping of strings (headers); absent → {} */
export function stringMap(raw: Raw, key: string): Record<string, string> {
  const v = raw[key];
  if (v === undefined) return {};
  if (!isRaw(v)) return unexpected(key, 'a mapping', v);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x : unexpected(`${key}.${k}`, 'a string', x)]));
}
