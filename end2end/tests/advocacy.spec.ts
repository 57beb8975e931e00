import { expect, test } from "./fixtures";

// A campaigner's advocacy, end to end: plan a Geneva delegation with a side
// event, add a speaker and a next step, see it late on the work queue and
// close it, record an urgent intervention and its outcome, and watch the
// annual figures change. Then the public view of the same figures.

const campaigner = { email: "campaigner@example.org", password: "geneva morning delegation 24" };

async function hydrated(page) {
  await page.waitForFunction(() => (window as any).__sosHydrated === true);
}

function isoDay(offset: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

async function figure(page, label: string): Promise<number> {
  const text = await page.locator(".figure", { hasText: label }).first().locator(".figure-value").innerText();
  return Number(text.replace(/[^0-9]/g, ""));
}

test("a campaigner plans a delegation, follows up, records an intervention and sees the figures change", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto("/sign-in?next=%2Ffigures%3Fyear%3D2024");
  await page.getByLabel("E-mail address").fill(campaigner.email);
  await page.getByLabel("Password").fill(campaigner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Figures for 2024");
  const before = await figure(page, "urgent interventions");
  expect(before).toBe(251);
  expect(await figure(page, "defenders concerned")).toBe(206);

  // The delegation and its checklist.
  await page.goto("/advocacy/missions/new");
  await hydrated(page);
  await page.getByLabel("Title").fill("Geneva delegation, e2e");
  await page.getByLabel("Start date").fill(isoDay(20));
  await page.getByLabel("End date").fill(isoDay(24));
  await page.getByLabel("Who may see this").selectOption("network");
  await page.getByRole("button", { name: "Create the mission" }).click();
  await expect(page).toHaveURL(/\/advocacy\/missions\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Geneva delegation, e2e");
  await hydrated(page);
  const plan = page.locator("section", { hasText: "Add to the plan" });
  await plan.getByLabel("Kind").selectOption("security");
  await plan.getByLabel("Item").first().fill("Security assessment for the speaker");
  await page.getByRole("button", { name: "Add to the checklist" }).click();
  await expect(page.locator(".checklist")).toContainText("Security assessment for the speaker");
  await expect(page.getByText("Done: 0 of 1")).toBeVisible();
  await hydrated(page);
  await page.getByRole("button", { name: "Tick off" }).click();
  await expect(page.getByText("Done: 1 of 1")).toBeVisible();

  // The side event, inside the mission.
  await page.getByRole("link", { name: "New event" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New event");
  await hydrated(page);
  await page.getByLabel("Title").fill("Side event on reprisals, e2e");
  await page.getByLabel("Kind").selectOption("side-event");
  await page.getByLabel("Body targeted").selectOption("hrc");
  await page.getByLabel("Start date").fill(isoDay(21));
  await page.getByLabel("City").fill("Geneva");
  // A wrong country code is explained and fixed from the summary.
  await page.getByLabel("Country").fill("XX");
  await expect(page.getByLabel("Advocacy mission")).toHaveValue(/geneva-delegation-e2e/);
  await page.getByLabel("Who may see this").selectOption("network");
  await page.getByRole("button", { name: "Create the event" }).click();
  const summary = page.locator(".error-summary");
  await expect(summary).toContainText("“XX” is not a two-letter ISO 3166 country code");
  await summary.getByRole("link").first().click();
  await expect(page.getByLabel("Country")).toBeFocused();
  await page.getByLabel("Country").fill("CH");
  await page.getByRole("button", { name: "Create the event" }).click();
  await expect(page).toHaveURL(/\/advocacy\/events\/[a-z0-9-]+/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Side event on reprisals, e2e");
  await expect(page.locator(".facts")).toContainText("Geneva delegation, e2e");

  // A speaker, and a next step already late.
  await hydrated(page);
  await page.getByLabel("Person", { exact: true }).selectOption({ label: "Eren Keskin" });
  await page.getByLabel("Role", { exact: true }).selectOption("speaker");
  await page.getByRole("button", { name: "Add participant" }).click();
  await expect(page.locator(".participants")).toContainText("Eren Keskin");
  await hydrated(page);
  const followUp = page.locator(".panel", { hasText: "Record an outcome or a next step" });
  await followUp.getByLabel("Kind").selectOption("next-step");
  await followUp.getByLabel("Due date").fill(isoDay(-2));
  await followUp.getByLabel("What").fill("Send the list of cases to the missions (e2e)");
  await followUp.getByRole("button", { name: "Record an outcome or a next step" }).click();
  const step = page.locator(".follow-up", { hasText: "Send the list of cases to the missions (e2e)" });
  await expect(step).toContainText("Late");

  // The work queue shows it late; done from there, it leaves the queue.
  await page.goto("/work");
  await hydrated(page);
  const queued = page.locator(".follow-up", { hasText: "Send the list of cases to the missions (e2e)" });
  await expect(queued.locator(".tag-overdue")).toBeVisible();
  await queued.getByRole("button", { name: "Mark as done" }).click();
  await expect(page.locator(".follow-up", { hasText: "Send the list of cases to the missions (e2e)" })).toHaveCount(0);

  // An urgent intervention and its outcome.
  await page.goto("/interventions/new");
  await hydrated(page);
  await page.getByLabel("Title").fill("Urgent appeal: detention of Said Boudour (e2e)");
  await page.getByLabel("Kind").selectOption("urgent-appeal");
  await page.getByLabel("Sent on").fill("2024-12-20");
  await page.getByLabel("Country").fill("DZ");
  await page.getByLabel("Person", { exact: true }).selectOption({ label: "Said Boudour" });
  await page.getByLabel("Addressees").fill("President of the Republic\nMinister of Justice");
  await page.getByLabel("Who may see this").selectOption("public");
  await page.getByRole("button", { name: "Record the intervention" }).click();
  await expect(page).toHaveURL(/\/interventions\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Urgent appeal: detention of Said Boudour (e2e)");
  await hydrated(page);
  await page.getByLabel("Status", { exact: true }).selectOption("closed");
  await page.getByLabel("Outcome", { exact: true }).selectOption("released");
  await page.getByLabel("Date of the outcome").fill("2024-12-28");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".outcome")).toContainText("Released");

  // The figures follow.
  await page.goto("/figures?year=2024");
  expect(await figure(page, "urgent interventions")).toBe(before + 1);
  await expect(page.locator(".freed")).toContainText("Said Boudour");
  await page.getByText("The same as a table").click();
  const december = page.locator("table", { hasText: "Month" }).getByRole("row", { name: /December/ });
  await expect(december).toBeVisible();
  // A figure opens the list behind it.
  await page.locator(".figure", { hasText: "urgent interventions" }).first().getByRole("link").click();
  await expect(page).toHaveURL(/\/interventions\?year=2024&kind=urgent/);
  await expect(page.getByRole("status")).toContainText(`Interventions: ${before + 1}`);
});

test("anonymous visitors see public figures only, and are told so", async ({ page }) => {
  await page.goto("/figures?year=2024");
  await expect(page.getByText("These figures count public records only")).toBeVisible();
  const shown = await figure(page, "urgent interventions");
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(251);
  await expect(page.locator(".freed")).toContainText("Daouda Diallo");
  await page.goto("/campaigns/faces-of-hope");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("#FacesOfHope");
  await expect(page.getByText("This page shows only the cases that are public.")).toBeVisible();
  await expect(page.locator(".faces li")).toHaveCount(4);
});
