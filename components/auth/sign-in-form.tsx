"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { safeCallbackUrl } from "@/lib/auth/safe-callback";

const providerErrors: Record<string, string> = {
  GitHubNoEmail: "GitHub did not share an email address, so we could not sign you in. Make an email public on GitHub or sign up with email.",
  OAuthSignin: "GitHub sign-in could not start. Try again.",
  OAuthCallback: "GitHub sign-in did not complete. Try again.",
  AccessDenied: "Sign-in was cancelled.",
};

export function SignInForm({ githubEnabled, callbackUrl, initialError }: { githubEnabled: boolean; callbackUrl?: string; initialError?: string }) {
  const [error, setError] = useState<string | null>(initialError ? (providerErrors[initialError] ?? "Sign-in failed. Try again.") : null);
  const [pending, setPending] = useState(false);
  const destination = safeCallbackUrl(callbackUrl);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (!result || result.error) {
        setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "That email and password do not match an account.");
        return;
      }
      // A full navigation, so the header (which reads the session once per page) updates.
      window.location.assign(destination);
    } catch {
      setError("The server could not be reached. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormAlert message={error} />
        <FormField label="Email" name="email" type="email" autoComplete="email" required />
        <FormField label="Password" name="password" type="password" autoComplete="current-password" required />
        <SubmitButton pending={pending} pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      {githubEnabled && (
        <button
          type="button"
          onClick={() => void signIn("github", { callbackUrl: destination })}
          className="inline-flex h-11 w-full items-center justify-center rounded-md border border-slate-300 text-sm font-semibold hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          Continue with GitHub
        </button>
      )}
      <p className="text-sm text-slate-600 dark:text-slate-300">
        New to LayerLab?{" "}
        <Link href={`/signup${callbackUrl ? `?callbackUrl=${encodeURIComponent(destination)}` : ""}`} className="font-medium text-brand-700 underline dark:text-brand-500">
          Create an account
        </Link>
      </p>
    </div>
  );
}
