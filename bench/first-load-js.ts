// `npx tsx bench/first-load-js.ts [baseUrl] [path…]`: the JavaScript a first visit downloads
// for each page — every <script src> in the served HTML — raw, gzip (what `next start` sends)
// and brotli (what a static host or CDN in front of it sends). Run it against a production
// server (`npm start`), not `next dev`.
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const [base = "http://localhost:3000", ...paths] = process.argv.slice(2);
const pages = paths.length ? paths : ["/", "/questions/l4-vs-l7-load-balancer", "/topics/l4-vs-l7-end-to-end", "/learn"];

async function pageScripts(path: string): Promise<string[]> {
  const html = await (await fetch(new URL(path, base))).text();
  // nomodule scripts are legacy polyfills that modern browsers never download.
  return [...html.matchAll(/<script([^>]*)>/g)]
    .filter((m) => !/\bnoModule\b|\bnomodule\b/i.test(m[1]!))
    .map((m) => /src="([^"]+)"/.exec(m[1]!)?.[1])
    .filter((src): src is string => !!src && src.endsWith(".js"));
}

const rows: string[] = [];
for (const path of pages) {
  const scripts = await pageScripts(path);
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const src of scripts) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body, { level: 6 }).length;
    brotli += brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  rows.push(`| ${path} | ${scripts.length} | ${kb(raw)} | ${kb(gzip)} | ${kb(brotli)} |`);
}
console.log("| page | scripts | raw | gzip (next start) | brotli (static host/CDN) |\n| --- | --- | --- | --- | --- |\n" + rows.join("\n"));
