import AxeBuilder from "@axe-core/playwright";
import { expect, test as base } from "@playwright/test";

export { expect };

// Every journey fails on a Content-Security-Policy violation: the server
// sends a strict policy with a nonce per page, and a script, style or frame
// it blocks would be a feature silently broken (or an injection attempt).
// Chromium reports each violation on the console; the listener below also
// turns the page's `securitypolicyviolation` events into console errors, so
// none is missed.
//
// Every page a journey opened in its own browser context is checked with axe
// (WCAG 2.2 A and AA) once the journey has passed: each address the browser
// landed on is opened again, as whoever is signed in at the end, and a
// violation fails the journey. Opened again rather than while the journey
// runs, so that the check never races the journey's own clicks; an address
// that answers no page (a download, the API) is skipped. Pages of other
// browser contexts a journey opens (a second user) are not tracked.
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const NOT_PAGES = /^\/(api|export|pkg|calendar|graph\/export|imports\/template|admin\/backup\/download)\b|\.(atom|ics|csv|json|graphml|gexf)(\?|$)/;

export const test = base.extend<{ contentSecurityPolicy: void; accessibility: void }>({
  accessibility: [
    async ({ page, baseURL, javaScriptEnabled }, use, testInfo) => {
      const visited: string[] = [];
      const track = (tab: typeof page) =>
        tab.on("framenavigated", (frame) => {
          if (frame !== tab.mainFrame()) return;
          const url = frame.url();
          if (!baseURL || !url.startsWith(baseURL)) return;
          const path = url.slice(baseURL.length) || "/";
          if (NOT_PAGES.test(path) || visited.includes(url)) return;
          visited.push(url);
        });
      track(page);
      page.context().on("page", track);
      await use();
      // axe runs in the page: a journey without JavaScript sees the same
      // pages as the others, which check them.
      if (testInfo.status !== testInfo.expectedStatus || !javaScriptEnabled) return;
      testInfo.setTimeout(testInfo.timeout + visited.length * 5_000);
      const problems: string[] = [];
      for (const url of visited) {
        let response;
        try {
          response = await page.goto(url);
        } catch (e) {
          if (String(e).includes("Download is starting")) continue;
          throw e;
        }
        if (!response?.headers()["content-type"]?.startsWith("text/html")) continue;
        await page.waitForFunction(() => (window as any).__sosHydrated === true, null, { timeout: 5_000 }).catch(() => {});
        const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        for (const v of results.violations) {
          problems.push(`${url}: ${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
        }
      }
      expect(problems, "no accessibility violation on the pages of this journey").toEqual([]);
    },
    { auto: true },
  ],

  contentSecurityPolicy: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on("console", (message) => {
        const text = message.text();
        if (/Content[- ]Security[- ]Policy/i.test(text)) violations.push(text);
      });
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          console.error(
            `Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
          );
        });
      });
      await use();
      expect(violations, "no Content-Security-Policy violation").toEqual([]);
    },
    { auto: true },
  ],
});
