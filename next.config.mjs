import { parseEnv } from "./lib/env/schema.mjs";

// Fail the build (and `next dev`) with a message naming the variable when the environment is wrong.
parseEnv(process.env, "build");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole project (site, engine, tests) as its own first step; a
  // second pass inside `next build` would only repeat it.
  typescript: { ignoreBuildErrors: true },
  // Native and server-only packages stay out of the bundle and load from node_modules.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
