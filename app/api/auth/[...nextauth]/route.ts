import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

type Handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

// next-auth 4 reads `params.nextauth`; Next 16 passes params as a promise, so resolve it first.
const handle: Handler = async (req, ctx) => {
  const params = await ctx.params;
  return (NextAuth(authOptions()) as unknown as (r: Request, c: { params: { nextauth: string[] } }) => Promise<Response>)(req, { params });
};

export { handle as GET, handle as POST };
