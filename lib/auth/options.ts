import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { db } from "@/lib/db/client";
import type { Env } from "@/lib/env/schema.mjs";
import { serverEnv } from "@/lib/env/server";
import { clientAddressFrom } from "./client-address";
import { authorizeCredentials } from "./credentials";

function providers(): NextAuthOptions["providers"] {
  const env = serverEnv();
  const list: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        return authorizeCredentials(credentials, clientAddressFrom(req.headers ?? {}));
      },
    }),
  ];
  // GitHub sign-in switches itself on when both of its variables are set.
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    list.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }));
  }
  return list;
}

/** Links a GitHub login to a LayerLab user (by GitHub id, then by verified email). */
async function upsertGitHubUser(githubId: string, email: string, name: string | null, image: string | null) {
  const existing = (await db().user.findUnique({ where: { githubId } })) ?? (await db().user.findUnique({ where: { email } }));
  if (existing) return db().user.update({ where: { id: existing.id }, data: { githubId, image: image ?? existing.image } });
  return db().user.create({ data: { email, githubId, name, image } });
}

export function authOptions(env: Env = serverEnv()): NextAuthOptions {
  return {
    secret: env.NEXTAUTH_SECRET,
    // Credentials sign-in only works with JWT sessions. The cookie is always httpOnly; behind
    // HTTPS it is also `secure` and gets the __Secure- prefix.
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    useSecureCookies: env.NEXTAUTH_URL?.startsWith("https://") ?? false,
    pages: { signIn: "/signin", error: "/signin" },
    providers: providers(),
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "github") return true;
        const email = (profile?.email ?? user.email)?.toLowerCase();
        if (!email) return "/signin?error=GitHubNoEmail";
        const saved = await upsertGitHubUser(String(account.providerAccountId), email, user.name ?? null, user.image ?? null);
        user.id = saved.id;
        return true;
      },
      async jwt({ token, user }) {
        if (user?.id) token.uid = user.id;
        return token;
      },
      async session({ session, token }) {
        if (session.user && typeof token.uid === "string") session.user.id = token.uid;
        return session;
      },
    },
  };
}
