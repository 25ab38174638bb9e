// Finds a Chromium for Playwright. Playwright's own browser download cannot work on machines
// that reach only the npm registry and Debian, so we use Debian's `chromium` package.
import fs from "node:fs";
import { spawnSync } from "node:child_process";

const candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

/** Returns a Chromium path, installing Debian's package when running as root on Debian. */
export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && fs.existsSync("/etc/debian_version")) {
    console.log("[layerlab] no Chromium found; installing Debian's chromium package…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update"], { stdio: "inherit", env });
    const install = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], { stdio: "inherit", env });
    const installed = findChromium();
    if (install.status === 0 && installed) return installed;
  }
  console.error(
    "[layerlab] The end-to-end tests need Chromium and none was found.\n" +
      "  On Debian/Ubuntu: sudo apt-get install chromium\n" +
      "  Elsewhere: install Chromium or Chrome and set CHROMIUM_PATH=/path/to/chromium",
  );
  process.exit(1);
}
