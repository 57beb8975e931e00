import { expect, test } from "./fixtures";
import { mailTo } from "../mail/inbox";

// The whole trial-observation workflow, as staff and an observer would do
// it: plan a mission for an upcoming hearing, staff it (and be warned of a
// double booking), deploy it, write the fair-trial report through a
// connection drop, submit it, and record the outcome on the trial page.

const staff = { email: "staff@example.org", password: "harbour compass amber 2011" };
const memberAccount = { email: "member@example.org", password: "abidjan orange notebook 42" };

async function hydrated(page) {
  await page.waitForFunction(() => (window as any).__sosHydrated === true);
}

async function signInAsStaff(page) {
  await page.goto("/sign-in?next=/work");
  await page.getByLabel("E-mail address").fill(staff.email);
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/work$/);
}

test("staff plan a mission, observers report through a connection drop, the trial shows its outcome", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  await signInAsStaff(page);
  await hydrated(page);

  // The work queue flags the Tunis hearing nobody covers yet.
  const flag = page.locator(".flag-uncovered", { hasText: "migrants’ rights defenders in Tunis" }).or(
    page.locator(".flag-uncovered", { hasText: "migrants' rights defenders in Tunis" }),
  );
  await expect(flag.first()).toBeVisible();
  await flag.first().getByRole("link", { name: "Plan a mission" }).click();

  // Plan it: dates default to the day before and after the hearing.
  await expect(page.getByRole("heading", { name: "Plan an observation mission" })).toBeVisible();
  await hydrated(page);
  await page.getByLabel("Title").fill("Trial observation in Tunis (e2e)");
  await page.getByRole("button", { name: "Propose the mission" }).click();
  await expect(page).toHaveURL(/\/missions\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Trial observation in Tunis (e2e)");
  await expect(page.locator(".summary-block .tag-mission-proposed")).toHaveText("Proposed");
  await hydrated(page);

  // Staff it: the observer writing the report leads; Marco Ruiz is already
  // going to Izmir on overlapping dates.
  await page.getByLabel("Person").selectOption({ label: "Léa Fontaine (fr, en)" });
  await page.getByLabel("Role on the mission").selectOption("lead");
  await page.getByRole("button", { name: "Assign" }).click();
  await expect(page.locator(".observers")).toContainText("Léa Fontaine");
  await hydrated(page);
  await page.getByLabel("Person").selectOption({ label: "Marco Ruiz (es, en, fr)" });
  await page.getByLabel("Role on the mission").selectOption("observer");
  await page.getByRole("button", { name: "Assign" }).click();
  await expect(page.locator(".observers")).toContainText("Marco Ruiz");
  const warnings = page.locator(".flags");
  await expect(warnings).toContainText("Marco Ruiz is also on “Trial observation in Izmir”, whose dates overlap.");
  // The court sits in Arabic and nobody on the mission speaks it.
  await expect(warnings).toContainText("speaks the court’s language (Arabic)");

  // Move it along the workflow; each step is recorded with who moved it.
  await hydrated(page);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.locator(".summary-block .tag-mission-approved")).toHaveText("Approved");
  await hydrated(page);
  await page.getByRole("button", { name: "Mark as deployed" }).click();
  await expect(page.locator(".summary-block .tag-mission-deployed")).toHaveText("Deployed");
  await expect(page.locator(".history")).toContainText("Deployed: Demo staff");
  const missionUrl = page.url();

  // The report: every guarantee answered, typed through a connection drop.
  await page.getByRole("link", { name: "Not started" }).click();
  await expect(page).toHaveURL(/\/report$/);
  await hydrated(page);
  const saveState = page.getByTestId("save-state");
  await expect(saveState).toHaveAttribute("data-live", "true");
  for (const fieldset of await page.locator("fieldset.report-item").all()) {
    const respected = fieldset.getByLabel("Respected");
    if (await respected.count()) await respected.check();
  }
  await expect(saveState).toHaveText("All changes saved.");

  await context.setOffline(true);
  await page.getByLabel("Overall assessment").fill("The hearing was public; the defence pleaded without hindrance.");
  await expect(saveState).toContainText("Not saved to the server yet");
  await context.setOffline(false);
  await expect(saveState).toHaveText("All changes saved.", { timeout: 15_000 });

  // What was typed offline reached the server: a reload shows it.
  await page.reload();
  await hydrated(page);
  await expect(saveState).toHaveAttribute("data-live", "true");
  await expect(page.getByLabel("Overall assessment")).toHaveValue(
    "The hearing was public; the defence pleaded without hindrance.",
  );
  await page.getByLabel("A", { exact: true }).check();
  await page.getByLabel("Why this grade").fill("Fair in every respect observed.");
  await expect(saveState).toHaveText("All changes saved.");
  await page.getByRole("button", { name: "Submit the report" }).click();

  // Submitted: read-only, printable, and the mission is now "reported".
  await expect(page.locator(".report-status")).toHaveText("Submitted");
  await expect(page.getByRole("button", { name: "Submit the report" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  await expect(page.locator(".report-table")).toContainText("Presumption of innocence");
  await page.goto(missionUrl);
  await expect(page.locator(".summary-block .tag-mission-reported")).toHaveText("Reported");

  // After the trial: the outcome, on the trial page and its timeline.
  await page.goto("/trials/tunis-migrant-defenders");
  await hydrated(page);
  const outcomeForm = page.locator("section", {
    has: page.getByRole("heading", { name: "Record the status and outcome" }),
  });
  await outcomeForm.getByLabel("Status", { exact: true }).selectOption("verdict");
  await outcomeForm.getByLabel("Outcome", { exact: true }).selectOption("acquitted");
  await outcomeForm.getByLabel("Decided on").fill("2026-12-20");
  await outcomeForm.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.locator(".outcome").first()).toContainText("Acquitted");
  await expect(page.locator(".timeline-item.outcome")).toContainText("Acquitted");
  await expect(page.locator(".timeline-item.mission")).toContainText("Trial observation in Tunis (e2e)");
});

test("the hearings calendar has a month and a list, filtered by country", async ({ page }) => {
  await page.goto("/hearings?view=list&country=TR");
  await expect(page.getByRole("heading", { name: "Hearings calendar" })).toBeVisible();
  await expect(page.locator("main")).not.toContainText("Tunis Court");
  await page.goto("/hearings");
  await expect(page.locator("table.month-grid")).toBeVisible();
  await page.getByRole("link", { name: /Next month/ }).click();
  await expect(page).toHaveURL(/month=\d{4}-\d{2}/);
});

test("a member follows a trial; staff record a postponement and the next hearing, in the court's time; the member hears of it", async ({ page, browser }) => {
  // The member follows the trial from its page (a plain form).
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await member.goto("/sign-in?next=/trials/izmir-bar-lawyers");
  await member.getByLabel("E-mail address").fill(memberAccount.email);
  await member.getByLabel("Password").fill(memberAccount.password);
  await member.getByRole("button", { name: "Sign in" }).click();
  await expect(member).toHaveURL(/\/trials\/izmir-bar-lawyers$/);
  await member.getByRole("button", { name: /^Follow / }).click();
  await expect(member).toHaveURL(/\/trials\/izmir-bar-lawyers\?saved=follow/);
  await expect(member.locator("#follow")).toContainText("You follow it");
  await expect(member.getByRole("button", { name: /^Stop following / })).toBeVisible();

  await signInAsStaff(page);
  await page.goto("/trials/izmir-bar-lawyers");
  await hydrated(page);
  const hearing = page.locator(".timeline-item.hearing").first();
  await hearing.getByText("Record what happened").click();
  await hearing.getByLabel("Status").selectOption("postponed");
  await hearing.getByLabel("What happened").fill("The court waited for a forensic report.");
  await hearing.getByLabel("Next hearing: date").fill("2027-04-12");
  await hearing.getByLabel("Next hearing: time").fill("10:00");
  await hearing.getByRole("button", { name: "Save the hearing" }).click();
  await expect(page.locator(".timeline-item.hearing-postponed")).toContainText("The court waited for a forensic report.");
  const next = page.locator(".timeline-item.hearing-scheduled", { hasText: "2027" });
  await expect(next).toContainText("10:00");
  await expect(next).toContainText("court time, Europe/Istanbul");

  // The member is told, in the app and by e-mail, with the next date on
  // the court's clock.
  await member.goto("/notifications");
  // In the language the member chose (another journey may have chosen French).
  await expect(member.getByTestId("notifications")).toContainText(/Hearing postponed|Audience reportée/);
  const mail = await mailTo(memberAccount.email, (m) => (m.text ?? "").includes("/trials/izmir-bar-lawyers"));
  expect(mail.text).toContain("2027-04-12 10:00");
  expect(mail.raw).toMatch(/^List-Unsubscribe: <[^>]+\/unsubscribe\/[^>]+>\r?$/m);
  await memberContext.close();
});

test("staff register a trial, and a wrong time zone is explained on its field", async ({ page }) => {
  await signInAsStaff(page);
  await page.goto("/trials");
  await page.getByRole("link", { name: "Register a trial" }).click();
  await hydrated(page);
  await page.getByLabel("Name of the case").fill("Prosecution of the Bujumbura Four");
  await page.getByLabel("Court", { exact: true }).fill("Bujumbura High Court");
  await page.getByLabel("City").fill("Bujumbura");
  await page.getByLabel("Country").fill("BI");
  await page.getByLabel("Court time zone").fill("Bujumbura");
  await page.getByLabel("Language of the court").selectOption("fr");
  await page.getByLabel("Undermining state security").check();
  await page.getByLabel("Supporting organisation", { exact: true }).selectOption({ label: "World Organisation Against Torture (OMCT)" });
  await page.getByRole("button", { name: "Register the trial" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("court time zone");
  await summary.getByRole("link").first().click();
  await expect(page.getByLabel("Court time zone")).toBeFocused();
  await page.getByLabel("Court time zone").fill("Africa/Bujumbura");
  await page.getByRole("button", { name: "Register the trial" }).click();
  await expect(page).toHaveURL(/\/trials\/prosecution-of-the-bujumbura-four-[0-9a-f]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Prosecution of the Bujumbura Four");
  await expect(page.locator(".summary-block")).toContainText("Undermining state security");
  await expect(page.locator(".summary-block")).toContainText("Pending");

  // Then the defendant joins the record.
  await hydrated(page);
  await page.getByLabel("Add to this trial").selectOption({ label: "Daouda Diallo" });
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.locator(".defendants")).toContainText("Daouda Diallo");
});
