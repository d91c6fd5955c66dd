#!/usr/bin/env node
/**
 * Adds lockfile entries for platform-specific optional packages the package mirror used here does
 * not carry (e.g. @next/swc-darwin-arm64), so `npm ci` accepts the lockfile on every platform.
 *
 * npm records an optional dependency only when it can fetch its metadata; a mirror that lacks
 * other platforms' binaries leaves them out, and `npm ci` then fails with "Missing: … from lock
 * file". Each added entry carries the exact version the parent pins plus the os/cpu/libc read from
 * the package name, so npm skips it on non-matching machines; it has no integrity hash (npm checks
 * the tarball's when it is first installed on a matching machine). Run after `npm install`:
 * `node scripts/complete-lockfile.mjs`; it then lets npm rewrite the lockfile in its own format.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const path = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(path, "utf8"));
const pkgs = lock.packages;

const OS = ["darwin", "win32", "linux", "freebsd", "openbsd", "netbsd", "android", "sunos", "aix", "openharmony"];
const CPU = [
  ["arm64", "arm64"], ["aarch64", "arm64"], ["x64", "x64"], ["ia32", "ia32"], ["loong64", "loong64"],
  ["ppc64", "ppc64"], ["riscv64", "riscv64"], ["s390x", "s390x"], ["wasm32", "wasm32"], ["arm", "arm"],
];

function platformOf(name) {
  const base = name.split("/").pop();
  const parts = base.split("-");
  const os = OS.find((o) => parts.includes(o));
  const cpu = CPU.find(([token]) => parts.includes(token))?.[1];
  const out = {};
  if (cpu) out.cpu = [cpu];
  if (os) out.os = [os];
  if (os === "linux") {
    if (parts.includes("musl") || parts.some((p) => p.startsWith("musl"))) out.libc = ["musl"];
    else if (parts.some((p) => p.startsWith("gnu"))) out.libc = ["glibc"];
  }
  if (cpu === "wasm32") out.engines = { node: ">=14.0.0" };
  return out;
}

function resolvedAt(parentKey, name) {
  // Where node would find `name` from the package at parentKey (walking up nested node_modules).
  let dir = parentKey;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ""}node_modules/${name}`;
    if (pkgs[candidate]) return candidate;
    if (!dir) return null;
    const i = dir.lastIndexOf("/node_modules/");
    dir = i < 0 ? "" : dir.slice(0, i);
  }
}

let added = 0;
for (const [key, meta] of Object.entries(pkgs)) {
  for (const [name, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    if (resolvedAt(key, name)) continue;
    const version = /^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec) ? spec : null;
    if (!version) {
      console.warn(`skip ${name}@${spec} (not an exact version) required by ${key || "root"}`);
      continue;
    }
    // Field order as npm writes it: version first, then the rest alphabetically.
    const rest = { ...platformOf(name), optional: true };
    pkgs[`node_modules/${name}`] = {
      version,
      ...Object.fromEntries(Object.entries(rest).sort(([x], [y]) => x.localeCompare(y))),
    };
    added += 1;
  }
}

lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
writeFileSync(path, JSON.stringify(lock, null, 2) + "\n");
console.log(`added ${added} optional platform entries`);
if (added > 0) {
  // npm keeps the entries and puts their fields (dev, optional, …) the way it writes them.
  execFileSync("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    stdio: "inherit",
  });
}
