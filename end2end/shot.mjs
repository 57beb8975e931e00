import { chromium } from "@playwright/test";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
await p.goto(process.argv[2], { waitUntil: "load" });
await p.waitForTimeout(1500);
await p.screenshot({ path: process.argv[3], fullPage: process.argv[4] === "full" });
console.log((await p.locator("main").innerText()).slice(0, 600));
await b.close();
