import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { githubSignInEnabled } from "@/lib/env/server";

// Reads the session or the environment on every request.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-bold">Sign in</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600 dark:text-slate-300">Keep your quiz history, mastery and review queue.</p>
      <SignInForm githubEnabled={githubSignInEnabled()} callbackUrl={first(params.callbackUrl)} initialError={first(params.error)} />
    </div>
  );
}
