import { expect, test } from "./fixtures";
import { totp } from "./totp";

// The demo accounts printed by `server seed --demo` (also in the README).
const accounts = {
  member: { email: "member@example.org", password: "abidjan orange notebook 42", label: "Demo member" },
  campaigner: { email: "campaigner@example.org", password: "geneva morning delegation 24", label: "Demo campaigner" },
  staff: { email: "staff@example.org", password: "harbour compass amber 2011", label: "Demo staff" },
  admin: { email: "admin@example.org", password: "river lantern violet 1997", label: "Demo admin" },
};

async function directoryTotal(page): Promise<number> {
  await page.goto("/organisations");
  const text = await page.locator("#results-count").innerText();
  const match = text.replace(/[\u202f\u00a0,]/g, "").match(/of (\d+)/);
  expect(match, text).not.toBeNull();
  return Number(match![1]);
}

async function signIn(page, who: keyof typeof accounts) {
  await page.goto("/organisations");
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=\/organisations$/);
  await page.getByLabel("E-mail address").fill(accounts[who].email);
  await page.getByLabel("Password").fill(accounts[who].password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/organisations$/);
  await expect(page.locator(".account-menu")).toContainText(`Signed in as ${accounts[who].label}`);
}

test("each role sees more of the network than the one before", async ({ browser }) => {
  const totals: Record<string, number> = {};
  const anonymous = await browser.newPage();
  totals.anonymous = await directoryTotal(anonymous);
  await anonymous.close();
  for (const who of ["member", "staff", "admin"] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, who);
    totals[who] = await directoryTotal(page);
    await context.close();
  }
  expect(totals.member).toBeGreaterThan(totals.anonymous);
  expect(totals.staff).toBeGreaterThan(totals.member);
  expect(totals.admin).toBeGreaterThanOrEqual(totals.staff);
});

test("a wrong password is explained and the reader can try again", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(accounts.member.email);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary).toContainText("The e-mail address or the password is not right.");
  await page.getByLabel("E-mail address").fill(accounts.member.email);
  await page.getByLabel("Password").fill(accounts.member.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator(".account-menu")).toContainText("Signed in as Demo member");
});

test("signing out returns to the public view and leaves no report draft behind", async ({ page }) => {
  await signIn(page, "campaigner");
  // A report draft waiting on the device between saves.
  await page.evaluate(() => localStorage.setItem("sos-report-izmir", '{"revision":1,"draft":{}}'));
  await page.waitForFunction(() => (window as any).__sosHydrated === true);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("sos-report-izmir"))).toBeNull();
});

test("report drafts of a session that ended without signing out are cleared on the next page", async ({ page }) => {
  await page.goto("/organisations");
  await page.waitForFunction(() => (window as any).__sosHydrated === true);
  await page.evaluate(() => localStorage.setItem("sos-report-izmir", '{"revision":1,"draft":{}}'));
  await page.reload();
  await page.waitForFunction(() => (window as any).__sosHydrated === true);
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem("sos-report-izmir")))
    .toBeNull();
});

test("a member edits its own organisation and sees the change in the history", async ({ page }) => {
  await signIn(page, "member");
  await page.goto("/organisations/midh");
  await page.getByRole("link", { name: "Edit this profile" }).click();
  await expect(page).toHaveURL(/\/organisations\/midh\/edit$/);
  await page.waitForFunction(() => (window as any).__sosHydrated === true);
  await expect(page.getByLabel("Name", { exact: true })).toHaveCount(0);

  // A bad address is explained next to the field, and what was typed stays.
  await page.getByLabel("Website").fill("midh.ci");
  await page.getByLabel("City").fill("Bouaké");
  await page.getByRole("button", { name: "Save changes" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("website: “midh.ci” is not a web address");
  await expect(page.getByLabel("City")).toHaveValue("Bouaké");
  await summary.getByRole("link").first().click();
  await expect(page.getByLabel("Website")).toBeFocused();

  await page.getByLabel("Website").fill("https://midh.example");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/organisations\/midh\?saved=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Your changes are saved." })).toBeVisible();
  await expect(page.locator("main")).toContainText("Bouaké");
  const history = page.locator("#history");
  // The author is named, without their address.
  await expect(history).toContainText("Demo member");
  await expect(history).not.toContainText("member@example.org");
  await expect(history).toContainText("Bouaké");

  // Another organisation's profile offers no edit link.
  await page.goto("/organisations/omct");
  await expect(page.getByRole("link", { name: "Edit this profile" })).toHaveCount(0);
});

test("an admin invites a staff member who opens the account from the link", async ({ browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin");
  await admin.getByRole("link", { name: "Accounts" }).click();
  await expect(admin).toHaveURL(/\/admin\/users$/);
  await admin.waitForFunction(() => (window as any).__sosHydrated === true);
  const invite = admin.locator("section", { has: admin.getByRole("heading", { name: "Invite someone" }) });
  await invite.getByLabel("E-mail address").fill("new.observer@example.org");
  await invite.getByLabel("Name").fill("Nadia Observer");
  await invite.getByLabel("Role").selectOption("staff");
  await invite.getByRole("button", { name: "Create the invitation" }).click();
  const link = await admin.locator(".invite-link").innerText();
  expect(link).toMatch(/\/invite\/[0-9a-f]{64}$/);
  await adminContext.close();

  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  await guest.goto(link);
  await expect(guest.locator("main")).toContainText("new.observer@example.org");
  await guest.getByLabel("Password").fill("password");
  await guest.getByRole("button", { name: "Open my account" }).click();
  await expect(guest.getByRole("alert")).toContainText("must be at least 15 characters long");
  await guest.getByLabel("Password").fill("seven brave otters in geneva");
  await guest.getByRole("button", { name: "Open my account" }).click();
  await expect(guest.locator(".account-menu")).toContainText("Signed in as Nadia Observer");
  await guestContext.close();
});

test("a staff member turns on a second factor and then signs in with a code", async ({ page, browser }) => {
  await signIn(page, "staff");
  await page.locator(".account-menu").getByRole("link", { name: /Signed in as Demo staff/ }).click();
  await expect(page).toHaveURL(/\/account$/);
  await page.waitForFunction(() => (window as any).__sosHydrated === true);
  await page.getByRole("button", { name: "Set up a second factor" }).click();
  const secret = (await page.locator(".totp-secret").innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Then type the code the app shows").fill(totp(secret, Date.now() / 1000));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("status")).toContainText("The second factor is on.");
  // The recovery codes, shown once: sixteen characters in groups of four.
  const codes = await page.getByTestId("recovery-codes").locator("code").allInnerTexts();
  expect(codes).toHaveLength(10);
  for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
  await page.getByRole("link", { name: "I have saved the codes" }).click();
  await expect(page).toHaveURL(/\/account\?done=totp-on$/);
  await expect(page.getByText("Recovery codes left: 10.")).toBeVisible();
  await expect(page.getByTestId("recovery-codes")).toHaveCount(0);

  await page.getByRole("button", { name: "Sign out" }).first().click();
  await page.goto("/sign-in?next=/countries");
  await page.getByLabel("E-mail address").fill(accounts.staff.email);
  await page.getByLabel("Password").fill(accounts.staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\/code\?next=\/countries$/);
  await page.getByLabel("Six-digit code").fill("000000" === totp(secret, Date.now() / 1000 + 30) ? "111111" : "000000");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("This code is not right");
  // The next code of the app (the current one was used to turn the factor on).
  await page.getByLabel("Six-digit code").fill(totp(secret, Date.now() / 1000 + 30));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/countries$/);
  await expect(page.locator(".account-menu")).toContainText("Signed in as Demo staff");

  // Without the phone, a recovery code opens the account, once.
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await page.goto("/sign-in?next=/account");
  await page.getByLabel("E-mail address").fill(accounts.staff.email);
  await page.getByLabel("Password").fill(accounts.staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Six-digit code").fill(codes[0].toLowerCase());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText("Recovery codes left: 9.")).toBeVisible();

  // The phone is lost: an admin resets the second factor, and the password
  // alone opens the account again (the next tests sign in as staff too).
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin");
  await admin.goto("/admin/users");
  const row = admin.locator("li", { hasText: "Demo staff" }).filter({ hasText: "staff@example.org" }).first();
  await row.getByRole("button", { name: "Reset the second factor (lost phone)" }).click();
  await expect(admin.locator("li", { hasText: "Demo staff" }).first().getByRole("button", { name: "Reset the second factor (lost phone)" })).toHaveCount(0);
  await adminContext.close();
  await page.goto("/sign-in?next=/countries");
  await page.getByLabel("E-mail address").fill(accounts.staff.email);
  await page.getByLabel("Password").fill(accounts.staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/countries$/);
});

test("an admin's reset link lets a user who lost the password choose a new one", async ({ page, browser }) => {
  await signIn(page, "admin");
  await page.goto("/admin/users");
  await page.waitForFunction(() => (window as any).__sosHydrated === true);
  const row = page.locator("li.user-card", { hasText: "campaigner@example.org" });
  await row.getByRole("button", { name: "Password reset link" }).click();
  const link = (await row.locator(".reset-link").innerText()).trim();
  expect(link).toMatch(/\/reset\/[0-9a-f]{64}$/);

  const userContext = await browser.newContext();
  const user = await userContext.newPage();
  await user.goto(link);
  await expect(user.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expect(user.getByRole("main")).toContainText(accounts.campaigner.email);
  await user.getByLabel("New password").fill("too short");
  await user.getByLabel("New password").evaluate((e: HTMLInputElement) => e.removeAttribute("minlength"));
  await user.getByRole("button", { name: "Set the new password" }).click();
  await expect(user.getByRole("alert")).toContainText("New password");
  // The same password as before, so the other journeys still sign in.
  await user.getByLabel("New password").fill(accounts.campaigner.password);
  await user.getByRole("button", { name: "Set the new password" }).click();
  await expect(user).toHaveURL(/\/sign-in\?changed=1$/);
  await user.getByLabel("E-mail address").fill(accounts.campaigner.email);
  await user.getByLabel("Password").fill(accounts.campaigner.password);
  await user.getByRole("button", { name: "Sign in" }).click();
  await expect(user.locator(".account-menu")).toContainText("Signed in as Demo campaigner");
  await user.goto(link);
  await expect(user.getByRole("main")).toContainText("already been used");
  await userContext.close();
});
