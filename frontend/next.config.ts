import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";

/**
 * The UI ships as plain files in out/ that the Java backend serves from the same origin, so there
 * is no Node server at run time: no API routes, no server-side data fetching.
 *
 * Under `next dev`, /api/* and /ws/* are proxied to QUERENT_DEV_BACKEND (default http://localhost:8080) so
 * the browser stays same-origin. Alternatively set NEXT_PUBLIC_API_BASE to call the backend
 * directly (the backend then has to allow the dev origin via CORS).
 */
export default function config(phase: string): NextConfig {
  const base: NextConfig = {
    // Every page becomes <route>/index.html, which any static file server can resolve.
    trailingSlash: true,
    images: { unoptimized: true },
    reactStrictMode: true,
    poweredByHeader: false,
  };
  if (phase !== PHASE_DEVELOPMENT_SERVER) return { ...base, output: "export" };
  const backend = (process.env.QUERENT_DEV_BACKEND ?? "http://localhost:8080").replace(/\/+$/, "");
  return {
    ...base,
    // API paths have no trailing slash; do not redirect them before the proxy sees them.
    skipTrailingSlashRedirect: true,
    async rewrites() {
      return [
        { source: "/api/:path*", destination: `${backend}/api/:path*` },
        { source: "/ws/:path*", destination: `${backend}/ws/:path*` },
      ];
    },
  };
}
