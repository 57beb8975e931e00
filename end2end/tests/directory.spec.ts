import { expect, test } from "./fixtures";

// Waits until the WASM bundle has hydrated the page, so that what follows
// exercises the interactive application and not only the server's HTML.
async function hydrated(page) {
  await page.waitForFunction(() => (window as any).__sosHydrated === true);
}

test("search the directory by name and open the profile", async ({ page }) => {
  await page.goto("/organisations");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1, name: "Member directory" })).toBeVisible();
  await expect(page.locator("#results-count")).toContainText("organisations");

  await page.getByLabel("Search", { exact: true }).fill("MIDH");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/organisations\?q=MIDH$/);
  const first = page.locator("ol.results > li").first();
  await expect(first).toContainText("Mouvement Ivoirien des Droits Humains");

  await first.getByRole("link", { name: "Mouvement Ivoirien des Droits Humains" }).click();
  await expect(page).toHaveURL(/\/organisations\/midh$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Mouvement Ivoirien des Droits Humains (MIDH)",
  );
  await expect(page.locator("#countries")).toContainText("Côte d'Ivoire");
});

test("filter by country and follow a peer", async ({ page }) => {
  await page.goto("/organisations");
  await hydrated(page);
  await page.getByLabel("Country").selectOption("CI");
  await page.getByLabel("Membership").selectOption("partner");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/country=CI/);
  await expect(page).toHaveURL(/membership=partner/);
  const results = page.locator("ol.results > li");
  await expect(results.first()).toBeVisible();
  for (const text of await results.allTextContents()) {
    expect(text).toContain("Partner");
  }
  await page.getByRole("link", { name: "Coalition Ivoirienne des Défenseurs des Droits Humains" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("CIDDH");

  const peers = page.locator("#peers");
  const midh = peers.locator("li.card", { hasText: "Mouvement Ivoirien des Droits Humains" });
  await expect(midh).toContainText("Partner organisation");
  await expect(midh).toContainText("Also works in Côte d'Ivoire");
  await midh.getByRole("link", { name: "Mouvement Ivoirien des Droits Humains" }).click();
  await expect(page).toHaveURL(/\/organisations\/midh$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("MIDH");
});

test("a shared search address reloads the same search", async ({ page }) => {
  const shared = "/organisations?region=africa&membership=member&sort=name&page=2";
  await page.goto(shared);
  await expect(page.getByLabel("Region")).toHaveValue("africa");
  await expect(page.getByLabel("Membership")).toHaveValue("member");
  await expect(page.getByLabel("Sort by")).toHaveValue("name");
  await expect(page.locator("#results-count")).toContainText("Showing 21–40 of");
  const current = page.locator('nav[aria-label="Pagination"] a[aria-current="page"]');
  await expect(current).toHaveText("2");
  const names = await page.locator("ol.results h3 a").allTextContents();
  expect(names.length).toBe(20);
  const sorted = [...names].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" }));
  expect(names).toEqual(sorted);

  await page.reload();
  await hydrated(page);
  await expect(page.locator("ol.results h3 a")).toHaveText(names);

  await page.getByRole("link", { name: "Page 3" }).click();
  await expect(page).toHaveURL(/page=3/);
  await expect(page.locator("#results-count")).toContainText("Showing 41–60 of");
});

test("an empty result explains itself and offers a way out", async ({ page }) => {
  await page.goto("/organisations?q=zzyzx&country=TD");
  await expect(page.locator(".empty-state")).toContainText("No organisation matches “zzyzx”.");
  await expect(page.locator(".empty-state")).toContainText("Active filters: Country: Chad");
  await page.getByRole("link", { name: "Clear the country filter" }).click();
  await expect(page).toHaveURL(/\/organisations\?q=zzyzx$/);
});

test("errors are pages, not crashes", async ({ page }) => {
  const missing = await page.goto("/organisations/does-not-exist");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");

  const bad = await page.goto("/organisations?page=abc");
  expect(bad?.status()).toBe(400);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This address has a problem");
  await expect(page.getByRole("alert")).toContainText("page");
});

test("the keyboard reaches the content first", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

test("a country page lists who works there", async ({ page }) => {
  await page.goto("/countries");
  await page.getByRole("link", { name: "Burundi", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Burundi");
  await expect(page.getByRole("link", { name: "Forum pour le Renforcement de la Société Civile" })).toBeVisible();
});
