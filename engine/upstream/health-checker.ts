// Active health checking for one cluster: every `intervalMs` each member is probed (TCP connect
// or HTTP GET); `unhealthyThreshold` consecutive failures take it out of rotation and
// `healthyThreshold` consecutive successes bring it back — HAProxy's `inter`/`fall`/`rise`,
// Envoy's `unhealthy_threshold`/`healthy_threshold`. The first round runs immediately.
// A proxy's passive signal (connect refused) triggers an extra probe for that member right away,
// so a dead endpoint leaves rotation without waiting a whole interval.
import tls from "node:tls";
import type { HealthCheck } from "../api/schema";
import type { EventSink } from "../contracts";
import type { Member } from "./cluster-member";
import type { ProbeSources } from "../traffic/source-addresses";
import { httpProbe, tcpProbe, type Cancel, type ProbeResult } from "./health-probes";

interface MemberState {
  successes: number;
  failures: number;
  inFlight: Cancel | null;
}

export class HealthChecker {
  private readonly state = new Map<Member, MemberState>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly caContext: tls.SecureContext | null;

  constructor(
    private readonly cluster: string,
    private readonly check: HealthCheck,
    private readonly members: readonly Member[],
    private readonly events: EventSink,
    caCertPem: string | null,
    /** Null where the OS has only 127.0.0.1: probes then count as ordinary connections. */
    private readonly sources: ProbeSources | null,
  ) {
    for (const m of members) this.state.set(m, { successes: 0, failures: 0, inFlight: null });
    this.caContext = check.type === "http" && caCertPem && members.some((m) => m.endpoint.tls) ? tls.createSecureContext({ ca: caCertPem }) : null;
  }

  start(): void {
    if (this.stopped || this.timer) return;
    this.round();
  }

  /** Passive failure signal: probe this member now unless a probe is already running. */
  nudge(member: Member): void {
    if (!this.stopped) this.probe(member);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const s of this.state.values()) s.inFlight?.();
  }

  private round(): void {
    for (const m of this.members) this.probe(m);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) this.round();
    }, this.check.intervalMs);
  }

  private probe(member: Member): void {
    const s = this.state.get(member);
    if (!s || s.inFlight) return;
    const done = (r: ProbeResult) => {
      s.inFlight = null;
      if (!this.stopped) this.record(member, s, r);
    };
    // Assign before the probe can call back (it never does synchronously, but be safe).
    s.inFlight = () => {};
    const cancel =
      this.check.type === "tcp"
        ? tcpProbe(member.endpoint, this.check.timeoutMs, this.sources?.tcp, done)
        : httpProbe(member.endpoint, this.check, this.caContext, this.sources?.http, done);
    if (s.inFlight) s.inFlight = cancel;
  }

  private record(member: Member, s: MemberState, r: ProbeResult): void {
    if (r.ok) {
      s.successes++;
      s.failures = 0;
      if (!member.checkedHealthy && s.successes >= this.check.healthyThreshold) this.flip(member, true, `${r.detail} ${s.successes} time(s) in a row`);
    } else {
      s.failures++;
      s.successes = 0;
      if (member.checkedHealthy && s.failures >= this.check.unhealthyThreshold) this.flip(member, false, `${r.detail} ${s.failures} time(s) in a row`);
    }
  }

  private flip(member: Member, healthy: boolean, detail: string): void {
    member.checkedHealthy = healthy;
    this.events.emit({ type: "health.change", cluster: this.cluster, endpoint: member.endpoint.name, healthy, check: this.check.type, detail });
  }
}
