"use client";

import { useId, useState } from "react";
import type { TrafficSpecInput } from "@/engine/api/schema";
import type { Preset } from "@/lib/labs/scenario-schema";
import type { ViewerLimitsView } from "../session/lab-api";
import { Field, Toggle } from "./composer-fields";
import { formFromSpec, specFromForm, type ComposerForm } from "./composer-form";
import { RunProgress } from "./run-progress";

interface Props {
  listeners: Array<{ name: string; layer: "l4" | "l7"; tls: string }>;
  presets: Preset[];
  /** Presets of the current step, listed first; the first is loaded (the parent keys this by step). */
  stepPresets: string[];
  limits: ViewerLimitsView | null;
  running: boolean;
  blocked: string | null;
  onSkipPrediction: () => void;
  onRun: (spec: TrafficSpecInput) => void;
}

/** Compose traffic: listener, clients, count, rate, path, Host, headers, cookies, keep-alive, HTTPS, WebSocket. */
export function TrafficComposer({ listeners, presets, stepPresets, limits, running, blocked, onSkipPrediction, onRun }: Props) {
  const uid = useId();
  const first = presets.find((p) => p.id === stepPresets[0]) ?? presets[0];
  const [form, setForm] = useState<ComposerForm | null>(first ? formFromSpec(first.traffic) : null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [activePreset, setActivePreset] = useState<string | null>(first?.id ?? null);

  if (!form) return null;
  const set = <K extends keyof ComposerForm>(key: K, value: ComposerForm[K]) => {
    setForm({ ...form, [key]: value });
    setActivePreset(null);
  };
  const listener = listeners.find((l) => l.name === form.listener);
  // An L7 listener with TLS only speaks HTTPS: the generator always connects with TLS there.
  const tlsAlways = listener?.layer === "l7" && listener.tls !== "none";
  const ordered = [...presets].sort((a, b) => Number(stepPresets.includes(b.id)) - Number(stepPresets.includes(a.id)));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const { spec, errors } = specFromForm({ ...form, https: form.https || tlsAlways }, listener?.layer);
    setErrors(errors);
    if (spec) onRun(spec);
  };
  const id = (k: string) => `${uid}-${k}`;

  return (
    <form onSubmit={submit} aria-label="Traffic composer" className="space-y-4">
      <div>
        <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300">Presets</h4>
        <div className="mt-1 flex flex-wrap gap-2">
          {ordered.map((p) => (
            <button
              key={p.id}
              type="button"
              aria-pressed={activePreset === p.id}
              onClick={() => {
                setForm(formFromSpec(p.traffic));
                setActivePreset(p.id);
                setErrors({});
              }}
              className={`min-h-9 rounded-full border px-3 text-sm ${activePreset === p.id ? "border-brand-700 bg-brand-50 font-semibold text-brand-800 dark:bg-slate-800 dark:text-brand-100" : "border-slate-300 dark:border-slate-600"} ${stepPresets.includes(p.id) ? "" : "opacity-80"}`}
            >
              {p.label}
            </button>
          ))}
        </div>
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Field id={id("listener")} label="Listener" error={errors.listener}>
          {(p) => (
            <select
              {...p}
              value={form.listener}
              onChange={(e) => {
                const next = listeners.find((l) => l.name === e.target.value);
                setForm({ ...form, listener: e.target.value, https: next?.tls === "none" ? false : form.https });
                setActivePreset(null);
              }}
            >
              {listeners.map((l) => (
                <option key={l.name} value={l.name}>
                  {l.name} ({l.layer.toUpperCase()}
                  {l.tls !== "none" ? `, TLS ${l.tls}` : ""})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={id("protocol")} label="Protocol" error={errors.protocol}>
          {(p) => (
            <select {...p} value={form.protocol} onChange={(e) => set("protocol", e.target.value as ComposerForm["protocol"])}>
              <option value="http">HTTP</option>
              <option value="websocket">WebSocket</option>
              <option value="tcp">raw TCP</option>
            </select>
          )}
        </Field>
        <Field id={id("requests")} label="Requests" error={errors.requests} hint={limits ? `max ${limits.requestsPerRun}` : undefined}>
          {(p) => <input {...p} inputMode="numeric" value={form.requests} onChange={(e) => set("requests", e.target.value)} />}
        </Field>
        <Field id={id("clients")} label="Clients" error={errors.clients} hint={limits ? `max ${limits.clients}` : undefined}>
          {(p) => <input {...p} inputMode="numeric" value={form.clients} onChange={(e) => set("clients", e.target.value)} />}
        </Field>
        <Field id={id("rate")} label="Rate (requests/s)" error={errors.rate} hint="empty: as fast as possible">
          {(p) => <input {...p} inputMode="numeric" value={form.rate} onChange={(e) => set("rate", e.target.value)} />}
        </Field>
        <Field id={id("concurrency")} label="In flight" error={errors.concurrency}>
          {(p) => <input {...p} inputMode="numeric" value={form.concurrency} onChange={(e) => set("concurrency", e.target.value)} />}
        </Field>
        <Field id={id("method")} label="Method" error={errors.method}>
          {(p) => (
            <select {...p} value={form.method} onChange={(e) => set("method", e.target.value)} disabled={form.protocol !== "http"}>
              {["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"].map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id={id("host")} label="Host header" error={errors.host}>
          {(p) => <input {...p} value={form.host} placeholder="listener address" onChange={(e) => set("host", e.target.value)} />}
        </Field>
      </div>
      <Field id={id("paths")} label="Paths (cycled request by request)" error={errors.paths}>
        {(p) => <input {...p} value={form.paths} onChange={(e) => set("paths", e.target.value)} />}
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={id("headers")} label="Headers (one per line, Name: value)" error={errors.headers}>
          {(p) => <textarea {...p} className={`${p.className} h-16 py-1 font-mono`} value={form.headers} onChange={(e) => set("headers", e.target.value)} />}
        </Field>
        <Field id={id("cookies")} label="Cookies (name=value; …)" error={errors.cookies}>
          {(p) => <textarea {...p} className={`${p.className} h-16 py-1 font-mono`} value={form.cookies} onChange={(e) => set("cookies", e.target.value)} />}
        </Field>
      </div>
      <div className="flex flex-wrap items-end gap-x-6 gap-y-2">
        <Toggle id={id("keepalive")} label="Keep-alive (one connection per client)" checked={form.keepAlive} onChange={(v) => set("keepAlive", v)} />
        <Toggle
          id={id("https")}
          label={tlsAlways ? "HTTPS / TLS (always, this listener terminates TLS)" : listener?.tls === "none" ? "HTTPS / TLS (this listener has no TLS)" : "HTTPS / TLS"}
          checked={form.https || tlsAlways}
          disabled={listener?.tls === "none" || tlsAlways}
          onChange={(v) => set("https", v)}
        />
        {(form.https || tlsAlways) && (
          <Field id={id("sni")} label="SNI server name" error={errors.sni}>
            {(p) => <input {...p} value={form.sni} placeholder="from Host" onChange={(e) => set("sni", e.target.value)} />}
          </Field>
        )}
        {form.protocol === "websocket" && (
          <Field id={id("ws")} label="Messages per socket" error={errors.wsMessages}>
            {(p) => <input {...p} inputMode="numeric" value={form.wsMessages} onChange={(e) => set("wsMessages", e.target.value)} />}
          </Field>
        )}
      </div>
      {blocked && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100">
          {blocked}{" "}
          <button type="button" onClick={onSkipPrediction} className="underline">
            Skip it
          </button>
        </p>
      )}
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" disabled={running || blocked !== null} className="h-11 rounded-md bg-brand-700 px-5 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-50">
          {running ? "Running…" : "Run traffic"}
        </button>
        <RunProgress />
      </div>
    </form>
  );
}
