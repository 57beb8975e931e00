import { expect, test } from "./fixtures";

// A member makes an API token on their account page, reads the network
// with it from a program (here Playwright's own HTTP client), then
// revokes it, and the same call is refused.

const member = { email: "member@example.org", password: "abidjan orange notebook 42" };

async function hydrated(page) {
  await page.waitForFunction(() => (window as any).__sosHydrated === true);
}

test("a member creates a token, reads the API with it and revokes it", async ({ page, request }) => {
  await page.goto("/sign-in?next=%2Faccount");
  await page.getByLabel("E-mail address").fill(member.email);
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await hydrated(page);

  const section = page.locator("#api-tokens");
  await section.getByLabel("Name").fill("Partners spreadsheet");
  await section.getByLabel("What it may do").selectOption("read");
  await section.getByLabel("Valid for").selectOption("30");
  await section.getByLabel("Your password").fill(member.password);
  await section.getByRole("button", { name: "Create a token" }).click();
  const secret = (await page.getByTestId("api-token-secret").innerText()).trim();
  expect(secret).toMatch(/^sos_[0-9a-f]{64}$/);
  await expect(section.getByRole("cell", { name: "Partners spreadsheet", exact: true })).toBeVisible();

  const headers = { Authorization: `Bearer ${secret}` };
  const list = await request.get("/api/v1/organisations?country=TR&limit=5", { headers });
  expect(list.status()).toBe(200);
  const page1 = await list.json();
  expect(page1.items.length).toBeGreaterThan(0);
  expect(page1.items.length).toBeLessThanOrEqual(5);
  expect(page1.items[0]).toHaveProperty("name");
  const omct = await request.get("/api/v1/organisations/omct", { headers });
  expect((await omct.json()).organisation.acronym).toBe("OMCT");
  // A member's token never opens what a member may not read.
  const missions = await request.get("/api/v1/missions", { headers });
  expect(missions.status()).toBe(403);
  expect(missions.headers()["content-type"]).toContain("application/problem+json");

  // The list shows its use; revoking closes it at once.
  await page.reload();
  await hydrated(page);
  const row = section.getByRole("row", { name: /Partners spreadsheet/ });
  await expect(row).not.toContainText("Never");
  await row.getByRole("button", { name: "Revoke the token “Partners spreadsheet”" }).click();
  await expect(section.getByRole("row", { name: /Partners spreadsheet/ })).toContainText("Revoked");
  const refused = await request.get("/api/v1/organisations", { headers });
  expect(refused.status()).toBe(401);

  // The documentation is served from the binary.
  await page.goto("/api/v1/docs/");
  await expect(page.locator("#swagger-ui")).toBeVisible();
  await expect(page.getByText("SOS-Torture network API")).toBeVisible({ timeout: 15_000 });
});
