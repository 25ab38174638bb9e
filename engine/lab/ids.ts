// Identifiers. Lab ids are unguessable (they are capabilities in URLs the web app relays);
// connection/request ids inside a lab are short counters a learner can read aloud ("c12").
import { randomBytes } from "node:crypto";
import type { IdSource } from "../contracts";

export const LAB_ID_PATTERN = /^lab_[A-Za-z0-9_-]{16}$/;

export function newLabId(): string {
  return `lab_${randomBytes(12).toString("base64url")}`;
}

export function createIdSource(): IdSource {
  const counters = { c: 0, u: 0, r: 0, e: 0 };
  return {
    next(prefix) {
      return prefix + ++counters[prefix];
    },
  };
}
