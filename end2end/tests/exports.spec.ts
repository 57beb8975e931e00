import { expect, test } from "./fixtures";
import { readFileSync } from "node:fs";

// Staff filter the directory, download what they see as a spreadsheet, and
// get the same organisations the page counts; the trials list comes as JSON.

const staff = { email: "staff@example.org", password: "harbour compass amber 2011" };

test("staff download the filtered directory as CSV and the trials as JSON", async ({ page }) => {
  await page.goto("/sign-in?next=%2Forganisations%3Fcountry%3DTR");
  await page.getByLabel("E-mail address").fill(staff.email);
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const count = page.locator("#results-count");
  await expect(count).toContainText("organisation");
  // "7 organisations", or "Showing 1–20 of 35 organisations".
  const summary = await count.innerText();
  const total = summary.match(/of ([\d,]+) organisation/) ?? summary.match(/^([\d,]+) organisation/);
  const shown = Number(total![1].replace(/,/g, ""));
  expect(shown).toBeGreaterThan(0);

  const [csv] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "CSV (spreadsheet)" }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^organisations-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync(await csv.path(), "utf8").replace(/^\uFEFF/, "");
  const lines = text.trim().split("\n");
  expect(lines[0]).toBe('"id","name","acronym","kind","country","country_name","city","themes","member_since"');
  expect(lines.length - 1).toBe(shown);

  await page.goto("/trials?country=TR");
  const [json] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "JSON (data)" }).click(),
  ]);
  const trials = JSON.parse(readFileSync(await json.path(), "utf8"));
  expect(trials.length).toBeGreaterThan(0);
  for (const t of trials) expect(t.country).toBe("TR");
  await expect(page.locator(".card-list > li")).toHaveCount(trials.length);
});
