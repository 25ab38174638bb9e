"use client";

import { SessionProvider } from "next-auth/react";
import type { ReactNode } from "react";

// The session is read in the browser so content pages stay statically generated.
export function AuthSessionProvider({ children }: { children: ReactNode }) {
  return <SessionProvider>{children}</SessionProvider>;
}
