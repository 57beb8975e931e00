import { expect, test } from "./fixtures";

async function noHorizontalScroll(page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test("on a phone: search from the home page and read a profile", async ({ page }) => {
  await page.goto("/");
  await noHorizontalScroll(page);
  await page.getByLabel("Search the member directory").fill("Justicia");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=Justicia/);
  await noHorizontalScroll(page);
  await expect(page.locator("ol.results > li").first()).toContainText("Justicia Pro Persona");
  await page.getByRole("link", { name: "Justicia Pro Persona" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Justicia Pro Persona");
  await noHorizontalScroll(page);
  await expect(page.locator("#peers li.card").first()).toBeVisible();
});

test("on a phone: the filters fold away until needed", async ({ page }) => {
  await page.goto("/organisations");
  await page.waitForFunction(() => (window as any).__sosHydrated === true);
  const summary = page.locator(".filter-details > summary");
  await expect(page.getByLabel("Country")).toBeHidden();
  await expect(page.locator("ol.results > li").first()).toBeInViewport();
  await summary.click();
  await expect(page.getByLabel("Country")).toBeVisible();
  await page.getByLabel("Country").selectOption("HN");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/country=HN/);
  await expect(page.getByLabel("Country")).toBeVisible();
  await noHorizontalScroll(page);
});
