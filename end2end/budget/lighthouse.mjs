// Lighthouse (mobile settings: a mid-range phone, slow 4G, CPU slowed
// four times, all simulated) on the pages of the download budget, against a
// running server: `BASE_URL=http://127.0.0.1:3180 npm run lighthouse`.
// Prints a Markdown table; Debian's chromium, nothing downloaded.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3180";
const runs = Number(process.env.RUNS ?? 3);
const pages = [
  ["home", "/"],
  ["directory", "/organisations"],
  ["profile", "/organisations/omct"],
  ["trials", "/trials"],
  ["explorer", "/graph?start=organisation:omct&depth=2"],
];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log("| page | performance | accessibility | interactive (ms) | total blocking (ms) | largest paint (ms) | bytes |");
console.log("|---|---:|---:|---:|---:|---:|---:|");
let failed = false;
try {
  for (const [name, path] of pages) {
    const results = [];
    for (let i = 0; i < runs; i++) {
      const { lhr } = await lighthouse(base + path, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility"],
      });
      results.push(lhr);
    }
    const score = (c) => median(results.map((r) => Math.round(r.categories[c].score * 100)));
    const audit = (a) => median(results.map((r) => r.audits[a].numericValue ?? 0));
    const perf = score("performance");
    const a11y = score("accessibility");
    if (perf < 95 || a11y < 100) failed = true;
    console.log(
      `| ${name} (\`${path}\`) | ${perf} | ${a11y} | ${Math.round(audit("interactive"))} | ${Math.round(audit("total-blocking-time"))} | ${Math.round(audit("largest-contentful-paint"))} | ${Math.round(audit("total-byte-weight"))} |`,
    );
    for (const r of results) {
      for (const a of Object.values(r.audits)) {
        if (r.categories.accessibility.auditRefs.some((ref) => ref.id === a.id) && a.score === 0) {
          console.error(`${name}: accessibility: ${a.id}: ${a.title}`);
        }
      }
    }
  }
} finally {
  await chrome.kill();
}
process.exit(failed ? 1 : 0);
