import { expect, test } from "./fixtures";
import { linkIn, mailTo } from "../mail/inbox";

// A member chooses what reaches them: the language of their messages and,
// per kind, e-mail at once or never. An admin's invitation goes out through
// a real SMTP server (the npm smtp-server the test run starts), and the
// link in it works.

const member = { email: "member@example.org", password: "abidjan orange notebook 42" };
const admin = { email: "admin@example.org", password: "river lantern violet 1997" };

async function signIn(page, who, next: string) {
  await page.goto(`/sign-in?next=${next}`);
  await page.getByLabel("E-mail address").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a member chooses what reaches them, and finds the notifications from the header", async ({ page }) => {
  await signIn(page, member, "/account/notifications");
  await expect(page).toHaveURL(/\/account\/notifications$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What reaches you");
  const newMember = page.getByLabel("A new member in my region");
  await expect(newMember).toHaveValue("immediately");
  await newMember.selectOption("never");
  await page.getByLabel("Language of the e-mail").selectOption("fr");
  await page.getByRole("button", { name: "Save my choices" }).click();
  await expect(page).toHaveURL(/saved=1/);
  await expect(page.getByRole("status")).toBeVisible();
  await expect(page.getByLabel("A new member in my region")).toHaveValue("never");
  await expect(page.getByLabel("Language of the e-mail")).toHaveValue("fr");

  await page.getByTestId("unread").click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Notifications");
});

test("an admin's invitation reaches its address in Spanish, and its link opens the account", async ({ page, browser }) => {
  await signIn(page, admin, "/admin/users");
  await expect(page).toHaveURL(/\/admin\/users$/);
  await page.waitForFunction(() => (window as any).__sosHydrated === true);
  const invite = page.locator("section", { has: page.getByRole("heading", { name: "Invite someone" }) });
  await invite.getByLabel("E-mail address").fill("nuevo.observador@example.org");
  await invite.getByLabel("Name").fill("Nuevo Observador");
  await invite.getByLabel("Role").selectOption("staff");
  await invite.getByLabel("Language of the e-mail").selectOption("es");
  await invite.getByRole("button", { name: "Create the invitation" }).click();
  await expect(page.locator(".invite-link")).toContainText("/invite/");

  // Received by a real SMTP server, parsed as MIME: plain text, Spanish.
  const mail = await mailTo("nuevo.observador@example.org");
  expect(mail.subject).toBe("Su invitación a la plataforma de la red SOS-Tortura");
  expect(mail.headers.get("content-language")).toBe("es");
  expect(mail.html).toBeFalsy();
  expect(mail.text).toContain("Nuevo Observador");
  const link = linkIn(mail, /^\/invite\//);

  // The admin's page says where mail goes and counts it sent.
  await page.goto("/admin/mail");
  await expect(page.getByRole("status").first()).toContainText("Mail goes out through");

  // The link, followed by the person invited, opens the form to set up the account.
  const context = await browser.newContext();
  const invited = await context.newPage();
  await invited.goto(link);
  await expect(invited.getByRole("heading", { level: 1 })).toHaveText("Open your account");
  await expect(invited.locator("main")).toContainText("nuevo.observador@example.org");
  await context.close();
});
