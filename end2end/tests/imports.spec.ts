import { expect, test } from "./fixtures";

// Staff import organisations from a spreadsheet: the first file has a row in
// error, which the preview names with its line, column and value while
// nothing is written; the fixed file is written, and the new organisations
// are in the directory and on the map.

const staff = { email: "staff@example.org", password: "harbour compass amber 2011" };

const header = "name;acronym;kind;country;city;themes;visibility;description_lang;description_en\n";
const good =
  "Samtök gegn pyndingum;SGP;member;IS;Reykjavík;\"torture-prevention; justice\";public;en;Monitors places of detention.\n" +
  "Norðurljós réttindamiðstöð;;partner;IS;Akureyri;human-rights-defenders;public;;\n";
const bad = "Skrifstofa í skýjunum;;member;XX;;;public;;\n";

function csv(body: string) {
  return { name: "organisations.csv", mimeType: "text/csv", buffer: Buffer.from("\uFEFF" + header + body, "utf8") };
}

test("staff import a CSV, fix the row in error, and find the new organisations", async ({ page }) => {
  await page.goto("/sign-in?next=%2Fimports");
  await page.getByLabel("E-mail address").fill(staff.email);
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import organisations, persons and relations");

  // Iceland has no organisation in the demo yet.
  await page.goto("/map");
  await expect(page.locator('svg.map a.country[data-code="IS"]')).toHaveClass(/shade-0/);

  // A file with one row in error: the preview says where, nothing is written.
  await page.goto("/imports");
  await page.getByLabel("Organisations file (CSV, XLSX)").setInputFiles(csv(good + bad));
  await page.getByRole("button", { name: "Check the files" }).click();
  await expect(page).toHaveURL(/\/imports\/[0-9a-f]+$/);
  await expect(page.getByTestId("import-status")).toContainText("Checked", { timeout: 30_000 });
  await expect(page.getByTestId("import-fix")).toBeVisible();
  const errorRow = page.getByTestId("import-rows").locator("tbody tr");
  await expect(errorRow).toHaveCount(1);
  await expect(errorRow).toContainText("4");
  await expect(errorRow).toContainText("Column country");
  await expect(errorRow).toContainText("XX");
  await expect(page.getByRole("button", { name: /^Import: write/ })).toHaveCount(0);
  await page.goto("/organisations?country=IS");
  await expect(page.locator("#results-count")).toBeVisible();
  await expect(page.getByRole("link", { name: /Samtök gegn pyndingum/ })).toHaveCount(0);

  // The fixed file: two new organisations, written on confirmation.
  await page.goto("/imports");
  await page.getByLabel("Organisations file (CSV, XLSX)").setInputFiles(csv(good));
  await page.getByRole("button", { name: "Check the files" }).click();
  await expect(page.getByTestId("import-status")).toContainText("Checked", { timeout: 30_000 });
  await page.getByRole("link", { name: /^New \(2\)/ }).click();
  await expect(page.getByTestId("import-rows").locator("tbody tr")).toHaveCount(2);
  await page.getByRole("button", { name: "Import: write 2 changes" }).click();
  await expect(page.getByTestId("import-status")).toContainText("Imported", { timeout: 30_000 });
  await expect(page.getByTestId("import-written")).toContainText("2 new");

  // In the directory, and on the map.
  await page.goto("/organisations?country=IS");
  await expect(page.locator("#results-count")).toContainText("2 organisations");
  await expect(page.getByRole("link", { name: /Samtök gegn pyndingum/ })).toBeVisible();
  await page.goto("/map");
  await expect(page.locator('svg.map a.country[data-code="IS"]')).not.toHaveClass(/shade-0/);
  await expect(page.locator('svg.map a.country[data-code="IS"]')).toHaveAttribute("aria-label", /: 2$/);

  // The list of imports keeps both, to come back to.
  await page.goto("/imports");
  await expect(page.getByRole("listitem").filter({ hasText: "organisations.csv" })).toHaveCount(2);
});

test("staff import a person with a membership and find them in the people list", async ({ page }) => {
  await page.goto("/sign-in?next=%2Fimports");
  await page.getByLabel("E-mail address").fill(staff.email);
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import organisations, persons and relations");

  await page.getByLabel("Persons file (CSV, XLSX)").setInputFiles({
    name: "persons.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("name;roles;risk_level;nationality;languages;visibility\nIngibjörg Pálsdóttir;observer;low;IS;\"is; en\";network\n", "utf8"),
  });
  await page.getByLabel("Relations file (CSV, XLSX)").setInputFiles({
    name: "relations.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("from,to,kind,role,since\nIngibjörg Pálsdóttir,OMCT,member_of,trial observer,2024\n", "utf8"),
  });
  await page.getByRole("button", { name: "Check the files" }).click();
  await expect(page.getByTestId("import-status")).toContainText("Checked", { timeout: 30_000 });
  await page.getByRole("button", { name: "Import: write 2 changes" }).click();
  await expect(page.getByTestId("import-status")).toContainText("Imported", { timeout: 30_000 });

  await page.goto("/people?q=Ingibj%C3%B6rg");
  await page.getByRole("link", { name: "Ingibjörg Pálsdóttir" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ingibjörg Pálsdóttir");
  await expect(page.getByRole("main")).toContainText("World Organisation Against Torture");
  await expect(page.getByRole("main")).toContainText("trial observer");
});
