import { defineConfig, devices } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { chromium, temporaryDirectory } from "./browser-setup";

// The real binary, built by `cargo leptos build`, on a fresh embedded
// database in a temporary directory, loaded with the demo dataset.
const port = Number(process.env.E2E_PORT ?? 3100);
const server = process.env.SERVER_BIN ?? "../target/debug/server";
const siteRoot = process.env.SITE_ROOT ?? "../target/site";
const dataDir = temporaryDirectory("sos-e2e-");
// The messages the platform sends, as the SMTP sink received them: made
// once by the runner (its workers inherit the variable) and read by the
// journeys through mail/inbox.ts.
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2525);
if (!process.env.E2E_MAIL_DIR) {
  process.env.E2E_MAIL_DIR = temporaryDirectory("sos-e2e-mail-");
}

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "off",
  },
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], launchOptions: chromium },
      testIgnore: /phone\.spec\.ts/,
    },
    {
      name: "phone",
      use: { ...devices["Pixel 7"], launchOptions: chromium },
      testMatch: /phone\.spec\.ts/,
    },
  ],
  // Started as the README's start command (.ci/start, through `cargo leptos
  // serve`) starts it: no subcommand and no flag, every setting in the
  // environment, so the browser tests go through the path people use.
  webServer: [
   {
    // A real SMTP server from npm (smtp-server), before the platform.
    command: "node mail/smtp-sink.mjs",
    env: { E2E_SMTP_PORT: String(smtpPort), E2E_MAIL_DIR: process.env.E2E_MAIL_DIR! },
    port: smtpPort,
    timeout: 20_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
   },
   {
    command: JSON.stringify(server),
    // Every setting the journeys depend on is pinned here: the runner's own
    // SOS_* variables reach the server too (Playwright passes process.env).
    env: {
      SOS_DEMO: "true",
      SOS_REQUIRE_SECOND_FACTOR: "false",
      SOS_DB_NAMESPACE: "sos",
      SOS_DB_DATABASE: "network",
      SOS_ADDR: `127.0.0.1:${port}`,
      SOS_DATABASE_URL: `surrealkv://${dataDir}/db`,
      SOS_LOG: "warn",
      LEPTOS_SITE_ROOT: siteRoot,
      LEPTOS_OUTPUT_NAME: "sos-torture",
      // Mail through the sink, in clear to this machine only; links in it
      // lead back here.
      SOS_PUBLIC_URL: `http://127.0.0.1:${port}`,
      SOS_SMTP_HOST: "127.0.0.1",
      SOS_SMTP_PORT: String(smtpPort),
      SOS_SMTP_TLS: "none",
      SOS_MAIL_POLL_MS: "200",
      // A public address asks for a key given, as in production: one per run.
      SOS_SECRET_KEY: randomBytes(32).toString("hex"),
    },
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
   },
  ],
});
