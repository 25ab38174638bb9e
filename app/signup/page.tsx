import type { Metadata } from "next";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { callbackUrl } = await searchParams;
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-bold">Create your account</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600 dark:text-slate-300">Free. Your progress is saved to it.</p>
      <SignUpForm callbackUrl={Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl} />
    </div>
  );
}
