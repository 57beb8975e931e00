import { expect, test as base } from "@playwright/test";

export { expect };

// Every journey fails on a Content-Security-Policy violation: the server
// sends a strict policy with a nonce per page, and a script, style or frame
// it blocks would be a feature silently broken (or an injection attempt).
// Chromium reports each violation on the console; the listener below also
// turns the page's `securitypolicyviolation` events into console errors, so
// none is missed.
export const test = base.extend<{ contentSecurityPolicy: void }>({
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
