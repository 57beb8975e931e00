import { expect, test, type Browser } from "@playwright/test";
import { request as httpRequest } from "node:http";

// What a visitor downloads, as sent over the wire with Brotli. Chromium asks
// for Brotli over HTTPS only, so the browser says which files a page loads
// before it is interactive, and each is fetched again here asking for
// Brotli, counting the bytes the server sends.
const DIRECTORY_CODE_BUDGET = 400_000; // JS and WASM before the directory is interactive
const PAGE_BUDGET = 800_000; // everything a page downloads

const PAGES: [string, string][] = [
  ["home", "/"],
  ["directory", "/organisations"],
  ["profile", "/organisations/omct"],
  ["trials", "/trials"],
  ["explorer", "/graph?start=organisation:omct&depth=2"],
];

type Download = { url: string; bytes: number };

function brotliBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { "accept-encoding": "br, gzip" } }, (res) => {
      let n = 0;
      res.on("data", (chunk: Buffer) => (n += chunk.length));
      res.on("end", () => resolve(n));
    });
    req.on("error", reject);
    req.end();
  });
}

/** The files `path` loads until it is interactive, with their sizes. */
async function downloads(browser: Browser, baseURL: string, path: string): Promise<Download[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(path);
  await page.waitForFunction(() => (window as any).__sosHydrated === true);
  const urls: string[] = await page.evaluate(() => [
    location.href,
    ...performance.getEntriesByType("resource").map((e) => e.name),
  ]);
  await context.close();
  const own = [...new Set(urls)].filter((u) => u.startsWith(baseURL));
  return Promise.all(own.map(async (url) => ({ url, bytes: await brotliBytes(url) })));
}

const isCode = (d: Download) => /\.(js|wasm)(\?|$)/.test(d.url);
const sum = (ds: Download[]) => ds.reduce((n, d) => n + d.bytes, 0);

for (const [name, path] of PAGES) {
  test(`${name}: what a visitor downloads stays within its budget`, async ({ browser, baseURL }) => {
    const files = await downloads(browser, baseURL!, path);
    const code = sum(files.filter(isCode));
    const total = sum(files);
    const listing = files.map((f) => `${f.url.slice(baseURL!.length)} ${f.bytes}`).join("\n");
    console.log(`${name} (${path}): code ${code} bytes, total ${total} bytes\n${listing}`);
    expect(files.some(isCode), "the page loads its script").toBe(true);
    if (name === "directory") {
      expect(code, `code before the directory is interactive:\n${listing}`).toBeLessThanOrEqual(DIRECTORY_CODE_BUDGET);
    }
    expect(total, `everything ${path} downloads:\n${listing}`).toBeLessThanOrEqual(PAGE_BUDGET);
  });
}
