// Matching one value against a check condition (see check-schema.ts). Missing values behave like
// null, so `{ exists: false }` and `null` both select "the hop did not see this".
import type { Condition } from "./check-schema";
import { readField, type ResultRecord } from "./result-record";

type Scalar = string | number | boolean | null;

const norm = (v: unknown): unknown => (v === undefined ? null : v);
const equals = (actual: unknown, expected: Scalar) => norm(actual) === expected;

export function matchCondition(actual: unknown, condition: Condition): boolean {
  if (condition === null || typeof condition !== "object") return equals(actual, condition);
  if (Array.isArray(condition)) return condition.some((c) => equals(actual, c));
  const c = condition;
  if (c.not !== undefined && (Array.isArray(c.not) ? c.not.some((x) => equals(actual, x)) : equals(actual, c.not))) return false;
  if (c.in !== undefined && !c.in.some((x) => equals(actual, x))) return false;
  if (c.exists !== undefined && c.exists !== (actual !== undefined && actual !== null && actual !== "")) return false;
  if (c.startsWith !== undefined && !(typeof actual === "string" && actual.startsWith(c.startsWith))) return false;
  if (c.includes !== undefined && !(typeof actual === "string" && actual.includes(c.includes))) return false;
  const n = typeof actual === "number" ? actual : NaN;
  if (c.gt !== undefined && !(n > c.gt)) return false;
  if (c.gte !== undefined && !(n >= c.gte)) return false;
  if (c.lt !== undefined && !(n < c.lt)) return false;
  if (c.lte !== undefined && !(n <= c.lte)) return false;
  return true;
}

export function matchResult(record: ResultRecord, filter: Record<string, Condition>): boolean {
  for (const [field, condition] of Object.entries(filter)) if (!matchCondition(readField(record, field), condition)) return false;
  return true;
}

/** Dotted lookup into an engine event (`reason.kind`, `client.address`). */
export function readEventField(event: object, path: string): unknown {
  let value: unknown = event;
  for (const part of path.split(".")) {
    if (!value || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function matchEvent(event: object, filter: Record<string, Condition>): boolean {
  for (const [field, condition] of Object.entries(filter)) if (!matchCondition(readEventField(event, field), condition)) return false;
  return true;
}

/** A filter as a short phrase for progress messages: `listener edge-l7, path /api/users`. */
export function describeFilter(filter: Record<string, Condition>): string {
  const parts = Object.entries(filter).map(([k, v]) => `${k} ${typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`);
  return parts.length ? parts.join(", ") : "any result";
}
