import { expect, test } from "./fixtures";

// Reading must work without JavaScript: the server sends whole pages and the
// forms are plain GET forms.
test.use({ javaScriptEnabled: false });

test("without JavaScript: search, filter and read a profile", async ({ page }) => {
  await page.goto("/organisations");
  await page.getByLabel("Search", { exact: true }).fill("droits humains");
  await page.locator(".filter-details > summary").click();
  await page.getByLabel("Region").selectOption("africa");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=droits\+humains/);
  await expect(page).toHaveURL(/region=africa/);
  await expect(page.locator("#results-count")).toContainText("matching “droits humains”");
  await expect(page.getByLabel("Region")).toHaveValue("africa");

  await page.getByRole("link", { name: "Mouvement Ivoirien des Droits Humains" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mouvement Ivoirien des Droits Humains (MIDH)");
  await page.locator("#peers").getByRole("link", { name: "Coalition Ivoirienne des Défenseurs des Droits Humains" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("CIDDH");
});
