import { defineConfig, devices } from "@playwright/test";
import { chromium, temporaryDirectory } from "../browser-setup";

// The download budget (`npm run budget`, run by .ci/test): the real binary on
// the demo dataset, serving the site of a release build of the browser code
// (`SITE_ROOT`, built by budget/build-site.sh), measured as a visitor's
// browser downloads it.
const port = Number(process.env.BUDGET_PORT ?? 3180);
const server = process.env.SERVER_BIN ?? "../target/debug/server";
const siteRoot = process.env.SITE_ROOT ?? "../target/site-release";
const dataDir = temporaryDirectory("sos-budget-");

export default defineConfig({
  testDir: ".",
  testMatch: /\.budget\.ts$/,
  timeout: 120_000,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: chromium,
  },
  webServer: {
    command: JSON.stringify(server),
    env: {
      SOS_DEMO: "true",
      SOS_REQUIRE_SECOND_FACTOR: "false",
      SOS_ADDR: `127.0.0.1:${port}`,
      SOS_DATABASE_URL: `surrealkv://${dataDir}/db`,
      SOS_LOG: "warn",
      LEPTOS_SITE_ROOT: siteRoot,
      LEPTOS_OUTPUT_NAME: "sos-torture",
    },
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
