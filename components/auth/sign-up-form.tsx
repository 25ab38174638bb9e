"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { safeCallbackUrl } from "@/lib/auth/safe-callback";

interface ApiError {
  error?: { code?: string; message?: string; field?: string };
}

export function SignUpForm({ callbackUrl }: { callbackUrl?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      const response = await fetch("/api/signup", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (!response.ok) {
        const data = (await response.json().catch(() => ({}))) as ApiError;
        const message = data.error?.message ?? "Sign-up failed. Try again.";
        if (data.error?.field) setFieldErrors({ [data.error.field]: message });
        setError(message);
        return;
      }
      const result = await signIn("credentials", { email: body.email, password: body.password, redirect: false });
      if (!result || result.error) {
        setError("Your account was created, but signing in failed. Try signing in.");
        return;
      }
      // A full navigation, so the header (which reads the session once per page) updates.
      window.location.assign(safeCallbackUrl(callbackUrl));
    } catch {
      setError("The server could not be reached. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormAlert message={error} />
      <FormField label="Name (optional)" name="name" autoComplete="name" maxLength={80} />
      <FormField label="Email" name="email" type="email" autoComplete="email" required error={fieldErrors.email} />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters, mixing letters with a digit or symbol."
        error={fieldErrors.password}
      />
      <SubmitButton pending={pending} pendingLabel="Creating your account…">
        Create account
      </SubmitButton>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Already have an account?{" "}
        <Link href="/signin" className="font-medium text-brand-700 underline dark:text-brand-500">
          Sign in
        </Link>
      </p>
    </form>
  );
}
