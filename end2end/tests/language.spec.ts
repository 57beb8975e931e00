import { expect, test } from "./fixtures";

async function hydrated(page) {
  await page.waitForFunction(() => (window as any).__sosHydrated === true);
}

test("switch to French, keep it across pages and a reload", async ({ page }) => {
  await page.goto("/organisations?region=africa&sort=name");
  await hydrated(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "Français" }).click();
  // Same search, now in French.
  await expect(page).toHaveURL(/\/organisations\?region=africa&sort=name$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Annuaire des membres");
  await expect(page.getByLabel("Région")).toHaveValue("africa");
  const current = page.getByRole("navigation", { name: "Langue" }).locator('a[aria-current="true"]');
  await expect(current).toHaveText("Français");

  await hydrated(page);
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Pays" }).click();
  await expect(page).toHaveURL(/\/countries$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pays");
  // Country names come from the registry in the reader's language.
  await expect(page.getByRole("link", { name: "Tchad", exact: true })).toBeVisible();

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("link", { name: "Tchad", exact: true })).toBeVisible();

  await page.goto("/organisations?page=abc");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cette adresse comporte une erreur");
  await expect(page.getByRole("alert")).toContainText("page");
});

test("the browser's language is used until the reader chooses", async ({ browser }) => {
  const context = await browser.newContext({ locale: "es-MX" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("link", { name: "Directorio" })).toBeVisible();

  await page.getByRole("link", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/organisations/omct");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("World Organisation Against Torture");
  await context.close();
});

test("dates are written the reader's way", async ({ browser }) => {
  const context = await browser.newContext({ locale: "fr-FR" });
  const page = await context.newPage();
  await page.goto("/organisations/forsc");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  // "23 nov. 2026", not "Nov 23, 2026".
  await expect(page.locator("main")).toContainText(/Dernière mise à jour\s?: \d{1,2} [a-zéû]+\.? \d{4}/);
  await context.close();
});
