// Writes the certificate files an exported config references (`<dir>/<host>.pem` = chain + key,
// which both nginx's ssl_certificate/_key and HAProxy's `crt` accept, and `<dir>/ca.pem`).
// Used by the tests (nginx -t / haproxy -c load them) and the benchmark.
import { mkdir, writeFile } from "node:fs/promises";
import type { LabSpec } from "../api/schema";
import type { LabCertificateAuthority } from "../contracts";
import { caFile, certFile, tlsHostnames } from "./topology";

export async function writeLabCertFiles(spec: LabSpec, ca: LabCertificateAuthority, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written = [caFile(dir)];
  await writeFile(caFile(dir), ca.caCertPem, { mode: 0o644 });
  for (const host of tlsHostnames(spec)) {
    const { keyPem, certPem } = await ca.issue([host]);
    const file = certFile(dir, host);
    await writeFile(file, certPem + ca.caCertPem + keyPem, { mode: 0o600 });
    written.push(file);
  }
  return written;
}
