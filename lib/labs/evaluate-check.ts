// Evaluates a step's check against the results and events the learner produced during the step.
// Pure and synchronous: the lab UI calls it after every run and every event batch, the unit tests
// call it with fixtures. Each assertion reports a sentence, so a step that is not done yet says why.
import type { LabEvent } from "@/engine/api/schema";
import type { Assertion, Check, Stat } from "./check-schema";
import { describeFilter, matchEvent, matchResult } from "./match-condition";
import { readField, type ResultRecord } from "./result-record";

export interface AssertionOutcome {
  passed: boolean;
  /** What the assertion asked for (the writer's `say`, or generated). */
  label: string;
  /** What was actually seen. */
  detail: string;
}
export interface CheckOutcome {
  passed: boolean;
  assertions: AssertionOutcome[];
}
export interface CheckInput {
  /** Results of the runs made during this step, oldest first. */
  results: readonly ResultRecord[];
  /** Events received during this step. */
  events: readonly LabEvent[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Results of the most recent run that produced a result matching `filter`. */
function lastRun(results: readonly ResultRecord[], filter: Record<string, unknown>): readonly ResultRecord[] {
  for (let i = results.length - 1; i >= 0; i--) {
    const r = results[i]!;
    if (matchResult(r, filter as never)) return results.filter((x) => x.run === r.run);
  }
  return [];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function statOf(results: readonly ResultRecord[], stat: Stat): number {
  const times = results.map((r) => r.totalMs).sort((a, b) => a - b);
  switch (stat) {
    case "count":
      return results.length;
    case "p50":
      return percentile(times, 50);
    case "p90":
      return percentile(times, 90);
    case "p99":
      return percentile(times, 99);
    case "mean":
      return times.length ? times.reduce((a, b) => a + b, 0) / times.length : NaN;
    case "max":
      return times.length ? times[times.length - 1]! : NaN;
    case "distinct-endpoints":
      return new Set(results.map((r) => r.endpoint).filter(Boolean)).size;
    case "distinct-connections":
      return new Set(results.map((r) => r.connectionId).filter(Boolean)).size;
    case "ok-rate":
      return results.length ? results.filter((r) => r.ok).length / results.length : NaN;
  }
}

function evaluateAssertion(a: Assertion, input: CheckInput): AssertionOutcome {
  const scoped = (filter: Record<string, unknown>, scope: "step" | "last-run") => (scope === "last-run" ? lastRun(input.results, filter) : input.results);

  if ("every" in a) {
    const selected = scoped(a.every, a.scope).filter((r) => matchResult(r, a.every));
    const failing = selected.filter((r) => !matchResult(r, a.expect));
    const label = a.say ?? `every result with ${describeFilter(a.every)} has ${describeFilter(a.expect)}`;
    if (selected.length < a.min) return { passed: false, label, detail: `${plural(selected.length, "matching result")} so far; need at least ${a.min}` };
    const first = failing[0];
    if (first)
      return { passed: false, label, detail: `${failing.length} of ${selected.length} do not (request ${first.seq + 1} of run ${first.run}: endpoint ${first.endpoint ?? "none"}, status ${first.status ?? first.error ?? "none"})` };
    return { passed: true, label, detail: `all ${selected.length} do` };
  }
  if ("some" in a) {
    const n = scoped(a.some, a.scope).filter((r) => matchResult(r, a.some)).length;
    const label = a.say ?? `at least ${a.min} result(s) with ${describeFilter(a.some)}${a.max !== undefined ? ` and at most ${a.max}` : ""}`;
    const passed = n >= a.min && (a.max === undefined || n <= a.max);
    return { passed, label, detail: `${plural(n, "matching result")}` };
  }
  if ("none" in a) {
    const n = scoped(a.none, a.scope).filter((r) => matchResult(r, a.none)).length;
    return { passed: n === 0, label: a.say ?? `no result with ${describeFilter(a.none)}`, detail: n === 0 ? "none seen" : `${plural(n, "result")} seen` };
  }
  if ("distinct" in a) {
    const selected = scoped(a.distinct, a.scope).filter((r) => matchResult(r, a.distinct));
    const groups = new Map<string, Set<string>>();
    for (const r of selected) {
      const key = a.groupBy ? String(readField(r, a.groupBy) ?? "(none)") : "*";
      const set = groups.get(key) ?? new Set<string>();
      const v = readField(r, a.field);
      if (v !== null && v !== undefined) set.add(String(v));
      groups.set(key, set);
    }
    const sizes = [...groups.values()].map((s) => s.size);
    const within = (n: number) => (a.min === undefined || n >= a.min) && (a.max === undefined || n <= a.max);
    const range = [a.min !== undefined ? `at least ${a.min}` : "", a.max !== undefined ? `at most ${a.max}` : ""].filter(Boolean).join(" and ");
    const label = a.say ?? `${range} distinct ${a.field}${a.groupBy ? ` per ${a.groupBy}` : ""} among results with ${describeFilter(a.distinct)}`;
    if (selected.length === 0) return { passed: false, label, detail: "no matching results yet" };
    const passed = sizes.every(within);
    return { passed, label, detail: a.groupBy ? `${plural(groups.size, "group")}: ${sizes.join(", ")} distinct` : `${sizes[0] ?? 0} distinct` };
  }
  if ("event" in a) {
    const n = input.events.filter((e) => e.type === a.event && matchEvent(e, a.where)).length;
    const label = a.say ?? `at least ${a.min} ${a.event} event(s)${Object.keys(a.where).length ? ` with ${describeFilter(a.where)}` : ""}`;
    return { passed: n >= a.min && (a.max === undefined || n <= a.max), label, detail: `${plural(n, "event")} seen` };
  }
  const { left, right, op, factor } = a.compare;
  const l = statOf(scoped(left.where, a.scope).filter((r) => matchResult(r, left.where)), left.stat);
  const r = statOf(scoped(right.where, a.scope).filter((x) => matchResult(x, right.where)), right.stat) * factor;
  const label = a.say ?? `${left.stat} of ${describeFilter(left.where)} ${op} ${factor === 1 ? "" : `${factor} × `}${right.stat} of ${describeFilter(right.where)}`;
  if (Number.isNaN(l) || Number.isNaN(r)) return { passed: false, label, detail: "not enough results on one side yet" };
  const passed = op === ">" ? l > r : op === ">=" ? l >= r : op === "<" ? l < r : op === "<=" ? l <= r : l === r;
  return { passed, label, detail: `${round(l)} vs ${round(r)}` };
}

const round = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

export function evaluateCheck(check: Check, input: CheckInput): CheckOutcome {
  const assertions = check.all.map((a) => evaluateAssertion(a, input));
  return { passed: assertions.every((a) => a.passed), assertions };
}
