import { defineConfig, devices } from "@playwright/test";
import { chromium, temporaryDirectory } from "../browser-setup";

// The explorer benchmark (not a test: `npm run bench`). The real binary on a
// fresh embedded database holding a generated network large enough that the
// network body has over 2,000 members a visitor may see.
const port = Number(process.env.BENCH_PORT ?? 3190);
const server = process.env.SERVER_BIN ?? "../target/release/server";
const siteRoot = process.env.SITE_ROOT ?? "../target/site";
const organisations = Number(process.env.BENCH_ORGANISATIONS ?? 2900);
// Each run loads a network of about 300 MB, in a directory removed at exit.
const dataDir = temporaryDirectory("sos-bench-");
const db = `surrealkv://${dataDir}/db`;

export default defineConfig({
  testDir: ".",
  testMatch: /\.bench\.ts$/,
  timeout: 600_000,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: chromium,
  },
  webServer: {
    command:
      `${server} --db ${db} --log warn seed --synthetic ${organisations} --seed 1 && ` +
      `${server} --db ${db} --log warn serve --addr 127.0.0.1:${port} --site-root ${siteRoot}`,
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
