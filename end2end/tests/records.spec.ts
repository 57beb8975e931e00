import { expect, test } from "./fixtures";

// Staff grow the network through the pages: add an organisation (the
// duplicate finder asks first when the name is already known), add a
// defender, and link her to the new organisation.

const staff = { email: "staff@example.org", password: "harbour compass amber 2011" };

async function hydrated(page) {
  await page.waitForFunction(() => (window as any).__sosHydrated === true);
}

test("staff create a defender and her organisation and link them", async ({ page }) => {
  await page.goto("/sign-in?next=/organisations");
  await page.getByLabel("E-mail address").fill(staff.email);
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/organisations$/);
  await page.getByRole("link", { name: "Add an organisation" }).click();
  await expect(page).toHaveURL(/\/organisations\/new$/);
  await hydrated(page);

  // A name the network already knows, typed differently: the platform asks.
  await page.getByLabel("Name", { exact: true }).fill("Organisation mondiale contre la torture");
  await page.getByLabel("Kind").selectOption("member");
  await page.getByLabel("Country of its seat").fill("BI");
  await page.getByRole("button", { name: "Add the organisation" }).click();
  await expect(page.getByRole("alert")).toContainText("similar name");
  const similar = page.getByRole("region", { name: "Is it one of these?" });
  await expect(similar.getByRole("link", { name: /World Organisation Against Torture|OMCT/ })).toBeVisible();

  // Not that one after all: a new name, and what was typed stays.
  await expect(page.getByLabel("Country of its seat")).toHaveValue("BI");
  await page.getByLabel("Name", { exact: true }).fill("Burundian Coalition against Torture");
  await page.getByLabel("Acronym").fill("BCAT");
  await page.getByLabel("Member since (year)").fill("2024");
  await page.getByLabel("Torture prevention").check();
  await page.getByLabel("Victim support").check();
  await page.getByLabel("Working languages").fill("fr, rn");
  await page.getByLabel("Other names").fill("Coalition burundaise contre la torture");
  await page.getByLabel("City").fill("Bujumbura");
  await page.getByLabel("Who may see this organisation").selectOption("network");
  await page.getByRole("button", { name: "Add the organisation" }).click();
  await expect(page).toHaveURL(/\/organisations\/bcat-[0-9a-f]{8}\?saved=1$/);
  const bcat = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Burundian Coalition against Torture (BCAT)");
  const facts = page.locator(".facts");
  await expect(facts).toContainText("Bujumbura, Burundi");
  await expect(facts).toContainText("Coalition burundaise contre la torture");
  await expect(facts).toContainText("French");

  // The defender, then her membership of the new organisation.
  await page.goto("/people/new");
  await hydrated(page);
  await page.getByLabel("Name", { exact: true }).fill("Claudine Ndayishimiye");
  await page.getByLabel("Defender").check();
  await page.getByLabel("Nationality").fill("BI");
  await page.getByLabel("Who may see this person").selectOption("staff");
  await page.getByRole("button", { name: "Add the person" }).click();
  await expect(page).toHaveURL(/\/people\/claudine-ndayishimiye-[0-9a-f]{8}$/);
  await hydrated(page);
  await page.getByText("Add to an organisation").click();
  await page.getByLabel("Organisation", { exact: true }).selectOption(bcat);
  await page.getByLabel("Role (lawyer, director, member…)").fill("Coordinator");
  await page.locator('section[aria-labelledby="person-organisations"]').getByLabel("Since (year)").fill("2024");
  await page.getByRole("button", { name: "Save the membership" }).click();
  await expect(page.locator("ul.memberships")).toContainText("Burundian Coalition against Torture");

  // Adding her again, spelt without the accents of a form typed in haste,
  // is caught too.
  await page.goto("/people/new");
  await hydrated(page);
  await page.getByLabel("Name", { exact: true }).fill("claudine ndayishimiye");
  await page.getByRole("button", { name: "Add the person" }).click();
  await expect(page.getByRole("region", { name: "Is it one of these?" }).getByRole("link", { name: "Claudine Ndayishimiye" })).toBeVisible();
});

test("staff end a partnership and it leaves the current graph, kept as the past", async ({ page }) => {
  await page.goto("/sign-in?next=/organisations/midh");
  await page.getByLabel("E-mail address").fill(staff.email);
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/organisations\/midh$/);
  await hydrated(page);
  const current = page.getByTestId("ties-current");
  const partner = current.locator("li", { has: page.locator('a[href="/organisations/uatc"]') });
  await expect(partner).toContainText("Partner of");

  // Before: the partner is one step away in the graph.
  const graph = "/graph?start=organisation:midh&depth=1";
  const uatc = 'a.node[href*="start=organisation:uatc"]';
  await page.goto(graph);
  await expect(page.locator(uatc)).toHaveCount(1);

  // End it in 2025: it leaves the current relations and stays as the past.
  await page.goto("/organisations/midh");
  await hydrated(page);
  await partner.getByLabel("Ended in").fill("2025");
  await partner.getByRole("button", { name: /End the relation with/ }).click();
  const past = page.getByTestId("ties-past");
  await expect(past.locator('a[href="/organisations/uatc"]')).toBeVisible();
  await expect(past).toContainText("2025");
  await expect(current.locator('a[href="/organisations/uatc"]')).toHaveCount(0);

  // The graph shows the network as it is now, and the past when asked.
  await page.goto(graph);
  await expect(page.locator("#graph-canvas .node.start")).toHaveCount(1);
  await expect(page.locator(uatc)).toHaveCount(0);
  await page.getByLabel("Show past relations").check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/past=1/);
  await expect(page.locator(uatc)).toHaveCount(1);

  // A new partnership, added from the page, is current at once.
  await page.goto("/organisations/midh");
  await hydrated(page);
  await page.getByText("Add a network or a partner").click();
  const networks = page.locator("#networks");
  await networks.getByLabel("Relation", { exact: true }).selectOption("partner-of");
  await networks.getByLabel("Organisation", { exact: true }).selectOption("fidh");
  await networks.getByLabel("Role or context (member, joint programme…)").fill("Joint trial observation");
  await networks.getByLabel("Since (year)").fill("2024");
  await page.getByRole("button", { name: "Save the relation" }).click();
  await expect(current.locator("li", { has: page.locator('a[href="/organisations/fidh"]') })).toContainText("Joint trial observation, since 2024");
  // The organisation's timeline has it under its year.
  await expect(page.getByTestId("org-timeline").locator("li", { hasText: "Joint trial observation" })).toContainText("Partner of");
});

test("staff record where an organisation works and that it moved; the past stays, the directory follows", async ({ page }) => {
  await page.goto("/sign-in?next=/organisations/midh");
  await page.getByLabel("E-mail address").fill(staff.email);
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/organisations\/midh$/);
  await hydrated(page);
  const places = page.locator("#places");
  const seat = places.getByTestId("places-current").locator("li", { hasText: "Based in" });
  const oldSeat = (await seat.locator("a").first().textContent())!.trim();

  // Work in Burkina Faso since 2019, with its source.
  await places.getByText("Add or change a seat or work").click();
  await places.getByLabel("Relation", { exact: true }).selectOption("works-on");
  await places.getByLabel("Country or theme").selectOption("country:BF");
  await places.getByLabel("Since (year)").fill("2019");
  await places.getByLabel("Source").fill("OMCT annual report 2024");
  await places.getByRole("button", { name: "Save" }).click();
  const burkina = places.getByTestId("places-current").locator("li", { has: page.locator('a[href="/countries/bf"]') });
  await expect(burkina).toContainText("Works on");
  await expect(burkina).toContainText("since 2019");
  await expect(burkina).toContainText("OMCT annual report 2024");
  await expect(page.locator("#countries")).toContainText("Burkina Faso");
  await page.goto("/organisations?country=bf");
  await expect(page.locator('a[href="/organisations/midh"]').first()).toBeVisible();

  // It ends in 2024: gone from today's countries and the directory's filter,
  // kept with its years.
  await page.goto("/organisations/midh");
  await hydrated(page);
  await burkina.getByLabel("Ended in").fill("2024");
  await burkina.getByRole("button", { name: "End: Works on Burkina Faso" }).click();
  const past = places.getByTestId("places-past");
  await expect(past.locator('a[href="/countries/bf"]')).toBeVisible();
  await expect(past).toContainText("2019–2024");
  await expect(page.locator("#countries")).not.toContainText("Burkina Faso");
  await page.goto("/organisations?country=bf");
  await expect(page.locator('a[href="/organisations/midh"]')).toHaveCount(0);

  // A move: the new seat ends the old one in the year it begins.
  await page.goto("/organisations/midh");
  await hydrated(page);
  await places.getByText("Add or change a seat or work").click();
  await places.getByLabel("Relation", { exact: true }).selectOption("based-in");
  await places.getByLabel("Country or theme").selectOption("country:SN");
  await places.getByLabel("Since (year)").fill("2025");
  await places.getByRole("button", { name: "Save" }).click();
  await expect(places.getByTestId("places-current").locator("li", { hasText: "Based in" })).toContainText("Senegal");
  await expect(past.locator("li", { hasText: oldSeat })).toContainText("2025");
});

test("staff register a trial whose defendant and supporting organisation are not in the platform yet", async ({ page }) => {
  await page.goto("/sign-in?next=/trials");
  await page.getByLabel("E-mail address").fill(staff.email);
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/trials$/);
  await page.getByRole("link", { name: "Register a trial" }).click();
  await expect(page).toHaveURL(/\/trials\/new$/);
  await hydrated(page);

  await page.getByLabel("Name of the case").fill("Prosecution of the Gitega Three");
  await page.getByLabel("Court", { exact: true }).fill("Gitega High Court");
  await page.getByLabel("City").fill("Gitega");
  await page.getByLabel("Country", { exact: true }).fill("BI");
  await page.getByLabel("Court time zone").fill("Africa/Bujumbura");
  await page.getByLabel("Language of the court").selectOption("fr");
  // A defendant the network already follows, typed in haste: the platform asks.
  await page.getByLabel("New defendant").fill("eren keskin");
  await page.getByLabel("New supporting organisation").fill("Gitega Lawyers for Justice");
  await page.getByRole("button", { name: "Register the trial" }).click();
  const similar = page.getByRole("region", { name: "Is it one of these?" });
  await expect(similar.getByRole("link", { name: "Eren Keskin" })).toBeVisible();

  // Someone else: what was typed is still there, and the trial is registered
  // with the new defendant and the new organisation.
  await expect(page.getByLabel("New supporting organisation")).toHaveValue("Gitega Lawyers for Justice");
  await page.getByLabel("New defendant").fill("Claver Irambona");
  await page.getByRole("button", { name: "Register the trial" }).click();
  await expect(page).toHaveURL(/\/trials\/prosecution-of-the-gitega-three-[0-9a-f]{4}$/);
  await expect(page.locator("main")).toContainText("Claver Irambona");
  await expect(page.getByRole("link", { name: "Gitega Lawyers for Justice" })).toBeVisible();
  await page.getByRole("link", { name: "Claver Irambona" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Claver Irambona");
});
