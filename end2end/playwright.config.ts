// Playwright drives Debian's Chromium (never a downloaded browser) against the real server,
// started here on a fresh database. Two projects: JavaScript on (the islands come alive) and
// off (the server's HTML and native form posts alone).
import { defineConfig } from "@playwright/test";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const port = Number(process.env.WATCHDOG_E2E_PORT ?? 3107);
const baseURL = `http://127.0.0.1:${port}`;
const repoRoot = path.resolve(__dirname, "..");
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(repoRoot, "target");
// The release build, as people run it (the test command builds it); WATCHDOG_E2E_BINARY
// points elsewhere, e.g. at a debug build while working.
const binary = process.env.WATCHDOG_E2E_BINARY ?? path.join(targetDir, "release", "watchdog");
const siteRoot = process.env.WATCHDOG_E2E_SITE_ROOT ?? path.join(repoRoot, "target", "site");
// The test script passes a fresh folder; a bare `npx playwright test` makes its own.
const dataDir =
  process.env.WATCHDOG_E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "watchdog-e2e-"));
// The tests that run the command line on the server's database (`watchdog chase run`) find
// both here; the workers inherit them, so they read the same folder.
process.env.WATCHDOG_E2E_DATA_DIR = dataDir;
process.env.WATCHDOG_E2E_BINARY = binary;

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "./tests",
  // Generous: two workers share two cores with the server and its debug build.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  // No retries, in CI or here: a failure is a bug to find. The last "test that waits forever
  // after an action" was a page served without its own Content-Security-Policy, whose
  // `form-action 'none'` swallowed the click (ARCHITECTURE.md, Invariants).
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    browserName: "chromium",
    launchOptions: chromium,
    locale: "en-GB",
    timezoneId: "Europe/London",
    trace: "retain-on-failure",
  },
  projects: [
    { name: "js", use: { javaScriptEnabled: true } },
    { name: "no-js", use: { javaScriptEnabled: false } },
  ],
  webServer: {
    // Demo accounts (fresh database), then the server.
    command: `"${binary}" demo load && "${binary}" serve`,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    // WATCHDOG_E2E_LOG (a log filter) shows the server's log, for chasing a failure.
    stdout: process.env.WATCHDOG_E2E_LOG ? "pipe" : "ignore",
    stderr: "pipe",
    env: {
      WATCHDOG_LISTEN: `127.0.0.1:${port}`,
      WATCHDOG_DATA_DIR: dataDir,
      WATCHDOG_SITE_ROOT: siteRoot,
      WATCHDOG_LOG: process.env.WATCHDOG_E2E_LOG ?? "warn",
      // Every test signs in from 127.0.0.1; the per-address limit has its own test.
      WATCHDOG_SIGN_IN_ATTEMPTS_PER_MINUTE_PER_ADDRESS: "600",
    },
  },
});
