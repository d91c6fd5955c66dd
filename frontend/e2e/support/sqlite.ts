import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

const FIXTURE = join(__dirname, "..", "fixtures", "shop.sql");

/** Builds the shop database from e2e/fixtures/shop.sql with the sqlite3 CLI (or Python's sqlite3). */
export function buildShopDatabase(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  if (existsSync(path)) rmSync(path);
  const sql = readFileSync(FIXTURE, "utf8");
  try {
    execFileSync("sqlite3", [path], { input: sql, stdio: ["pipe", "ignore", "pipe"] });
    return;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  execFileSync(
    "python3",
    ["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.stdin.read()); c.commit()", path],
    { input: sql, stdio: ["pipe", "ignore", "pipe"] },
  );
}
