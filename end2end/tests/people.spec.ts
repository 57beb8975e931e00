import { expect, test } from "./fixtures";

// People as staff keep them: add a defender at risk (she stays with the
// staff), correct her record, and follow a defendant from a trial to her
// page and its timeline.

const staff = { email: "staff@example.org", password: "harbour compass amber 2011" };

async function hydrated(page) {
  await page.waitForFunction(() => (window as any).__sosHydrated === true);
}

async function signInAsStaff(page) {
  await page.goto("/sign-in?next=/trials");
  await page.getByLabel("E-mail address").fill(staff.email);
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/trials$/);
}

test("staff add a defender at risk, who stays with the staff, and correct her record", async ({ page, browser }) => {
  await signInAsStaff(page);
  await page.getByRole("link", { name: "Add a person" }).click();
  await expect(page).toHaveURL(/\/people\/new$/);
  await hydrated(page);
  await page.getByLabel("Name").fill("Nour Benali");
  await page.getByLabel("Defender").check();
  await page.getByLabel("Risk level").selectOption("high");
  await page.getByLabel("Nationality").fill("TN");
  await page.getByLabel("Languages").fill("ar, fr");
  // Someone at risk cannot be opened to the network by staff: the refusal
  // names the field, and what was typed stays.
  await page.getByLabel("Who may see this person").selectOption("network");
  await page.getByRole("button", { name: "Add the person" }).click();
  await expect(page.getByRole("alert")).toContainText("Someone at risk stays with the staff");
  await expect(page.getByLabel("Name")).toHaveValue("Nour Benali");
  await page.getByLabel("Who may see this person").selectOption("staff");
  await page.getByRole("button", { name: "Add the person" }).click();
  await expect(page).toHaveURL(/\/people\/nour-benali-[0-9a-f]{8}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nour Benali");
  await expect(page.locator("header .tag-visibility")).toHaveText("Staff only");
  await expect(page.locator(".facts")).toContainText("Tunisia");
  await expect(page.locator(".facts")).toContainText("High");
  const address = new URL(page.url()).pathname;

  // A reader who is not staff finds nothing there.
  const anonymous = await browser.newPage();
  const response = await anonymous.goto(address);
  expect(response!.status()).toBe(404);
  await expect(anonymous.getByText("Nour Benali")).toHaveCount(0);
  await anonymous.close();

  await page.getByRole("link", { name: "Edit this person" }).click();
  await hydrated(page);
  await expect(page.getByLabel("Languages")).toHaveValue("ar, fr");
  await page.getByLabel("Languages").fill("ar, fr, en");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(new RegExp(`${address}$`));
  await expect(page.locator(".facts")).toContainText("English");

  // She joins an organisation, and later leaves it: the past stays.
  await hydrated(page);
  await page.getByText("Add to an organisation").click();
  await page.getByLabel("Organisation", { exact: true }).selectOption("midh");
  await page.getByLabel("Role (lawyer, director, member…)").fill("Lawyer");
  await page.locator('section[aria-labelledby="person-organisations"]').getByLabel("Since (year)").fill("2019");
  await page.getByRole("button", { name: "Save the membership" }).click();
  const memberships = page.locator("ul.memberships");
  await expect(memberships).toContainText("Lawyer, since 2019");
  await expect(page.getByTestId("person-timeline")).toContainText("Member of");
  await memberships.getByLabel("Ended in").fill("2023");
  await memberships.getByRole("button", { name: /End the membership of/ }).click();
  await expect(memberships).toContainText("2019–2023");
});

test("from a trial, a defendant's page tells her story in date order", async ({ page }) => {
  await page.goto("/trials/eren-keskin-istanbul");
  await page.getByRole("link", { name: "Eren Keskin" }).first().click();
  await expect(page).toHaveURL(/\/people\/eren-keskin$/);
  const timeline = page.getByTestId("person-timeline");
  await expect(timeline).toContainText("Defendant in");
  await expect(timeline.getByRole("link", { name: "Prosecution of Eren Keskin" })).toBeVisible();
  const dates = await timeline.locator("time").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime")));
  const dated = dates.filter((d) => d !== null) as string[];
  expect(dated.length).toBeGreaterThan(1);
  expect([...dated].sort()).toEqual(dated);
});

test("the people list finds defenders by country and name, and leads to their page", async ({ page }) => {
  await page.goto("/organisations");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  await expect(page).toHaveURL(/\/people$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("People");
  // An anonymous reader sees no one's risk level.
  await expect(page.locator(".person-card .risk")).toHaveCount(0);
  await page.getByLabel("Role").selectOption("defender");
  await page.getByLabel("Country").fill("TR");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/people\?q=&role=defender&country=TR$/);
  const cards = page.locator(".person-card");
  await expect(cards.first()).toBeVisible();
  for (const text of await cards.locator(".facts").allInnerTexts()) {
    expect(text).toContain("Türkiye");
  }
  await page.getByLabel("Name").fill("Keskin");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(cards).toHaveCount(1);
  await expect(page.locator(".downloads").getByRole("link", { name: "CSV" })).toHaveAttribute(
    "href",
    "/export/persons.csv?q=Keskin&role=defender&country=TR",
  );
  await cards.getByRole("link", { name: "Eren Keskin" }).click();
  await expect(page).toHaveURL(/\/people\/eren-keskin$/);
});
