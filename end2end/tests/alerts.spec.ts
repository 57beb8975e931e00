import { expect, test } from "./fixtures";
import { linkIn, mailTo } from "../mail/inbox";

// From a member's alert to the secretariat's decision: the member sends a
// restricted alert; an admin hands it to a staff member; staff verify it,
// write to the sender and record an urgent intervention; the member sees
// each step, and the e-mail telling them says nothing of the case, only
// where to read it (followed here, as the member would).

const accounts = {
  member: { email: "member@example.org", password: "abidjan orange notebook 42" },
  staff: { email: "staff@example.org", password: "harbour compass amber 2011" },
  admin: { email: "admin@example.org", password: "river lantern violet 1997" },
};

async function signIn(page, who: keyof typeof accounts, next: string) {
  await page.goto(`/sign-in?next=${next}`);
  await page.getByLabel("E-mail address").fill(accounts[who].email);
  await page.getByLabel("Password").fill(accounts[who].password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function hydrated(page) {
  await page.waitForFunction(() => (window as any).__sosHydrated === true);
}

test("a member alerts the secretariat, staff verify and act, and the member is told", async ({ page, browser }) => {
  const name = `Amina K. ${Date.now()}`;
  // The member sends the alert.
  await signIn(page, "member", "/organisations");
  await page.getByRole("link", { name: "Alerts" }).click();
  await expect(page).toHaveURL(/\/alerts$/);
  await page.getByRole("link", { name: "Send an alert" }).click();
  await hydrated(page);
  await page.getByLabel("Name of the person not in the platform yet").fill(name);
  await page.getByLabel("What happened", { exact: true }).fill("Arrested at dawn by plain-clothes police in Bujumbura; held incommunicado.");
  await page.getByLabel("Country").selectOption("BI");
  await page.getByLabel("Date it happened").fill("2026-11-27");
  await page.getByLabel("imminent risk").check();
  await page.getByLabel("Sources").fill("Her lawyer, by phone.");
  await page.getByLabel("may be made public without the person's name").check();
  // Sent without choosing: the protection desk only.
  await expect(page.getByLabel("The protection desk only (restricted)")).toBeChecked();
  await page.getByRole("button", { name: "Send the alert" }).click();
  await expect(page).toHaveURL(/\/alerts\/[0-9a-f]+\?saved=sent$/);
  const alertPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("received");

  // Staff cannot read it before an admin hands it over.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, "staff", "/alerts");
  await expect(staff).toHaveURL(/\/alerts$/);
  await expect(staff.locator("main")).not.toContainText(name);

  // The admin finds it first in the queue and hands it over.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin", "/alerts");
  await expect(admin.locator("tbody tr").first()).toContainText(name);
  await admin.getByRole("link", { name }).click();
  await hydrated(admin);
  await admin.getByLabel("Staff member's e-mail address").fill(accounts.staff.email);
  await admin.getByRole("button", { name: "Hand it over" }).click();
  await expect(admin.locator("#access")).toContainText("staff@example.org");
  await adminContext.close();

  // Staff verify it, write to the sender, and record the intervention.
  await staff.goto(alertPath);
  await hydrated(staff);
  await staff.getByLabel("Sources checked").check();
  await staff.getByLabel("Consent confirmed").check();
  await staff.getByLabel("Risk assessed").check();
  await staff.getByRole("button", { name: "Save the verification" }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toContainText("verified");
  await staff.getByLabel("Your message").fill("Is she still held at the police station?");
  await staff.getByRole("button", { name: "Send the message" }).click();
  await expect(staff.locator("#exchange")).toContainText("Is she still held at the police station?");
  await staff.getByRole("link", { name: "Record an urgent intervention" }).click();
  await expect(staff).toHaveURL(/\/interventions\/new\?alert=/);
  await hydrated(staff);
  await expect(staff.getByLabel("Country")).toHaveValue("BI");
  await staff.getByLabel("Title").fill("Urgent appeal: incommunicado detention in Bujumbura");
  await staff.getByLabel("Sent on").fill("2026-11-29");
  await staff.getByLabel("Who may see this").selectOption("network");
  await staff.getByRole("button", { name: "Record the intervention" }).click();
  await expect(staff).toHaveURL(/\/interventions\/[a-z0-9-]+$/);
  await staffContext.close();

  // The member sees the decision and the message, from "the secretariat".
  await page.goto(alertPath);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("acted on");
  await expect(page.locator("#exchange")).toContainText("The secretariat");
  await expect(page.locator("#exchange")).not.toContainText("Demo staff");
  await expect(page.locator("main")).toContainText("Urgent appeal: incommunicado detention in Bujumbura");

  // Told by e-mail, which names nothing of a restricted case; its link
  // leads to the alert.
  const mail = await mailTo(accounts.member.email, (m) => (m.text ?? "").includes(alertPath));
  expect(mail.subject).toBe("Something new for you on the SOS-Torture platform");
  expect(mail.text).not.toContain(name);
  expect(mail.text).not.toContain("Bujumbura");
  expect(mail.headers.get("content-language")).toBe("en");
  expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
  const unsubscribe = mail.raw.match(/^List-Unsubscribe: <([^>]+)>\r?$/m)?.[1];
  expect(unsubscribe).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/unsubscribe\/[0-9a-f]+$/);
  await page.goto(linkIn(mail, /^\/alerts\//));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);

  // One click in the mail program, without signing in (RFC 8058): that kind
  // of message stops, and the member's choices say so.
  const anonymous = await browser.newContext();
  const click = await anonymous.request.post(unsubscribe!, {
    form: { "List-Unsubscribe": "One-Click" },
  });
  expect(click.status()).toBe(200);
  await anonymous.close();
  await page.goto("/account/notifications");
  await expect(page.getByLabel("An alert I sent: its status, a decision, a message")).toHaveValue("never");
});

test("staff publish an urgent appeal, a member following the region reads it in French from the e-mail and co-signs; support shows in the figures", async ({ page, browser }) => {
  const name = `Jean B. ${Date.now()}`;
  // The member follows Africa and reads their mail in French.
  await signIn(page, "member", "/account/notifications");
  await page.getByLabel("Language of the e-mail").selectOption("fr");
  await page.getByRole("button", { name: "Save my choices" }).click();
  await expect(page).toHaveURL(/saved=1/);
  await page.getByLabel("Follow a region").selectOption("region:africa");
  await page.locator("form", { has: page.getByLabel("Follow a region") }).getByRole("button", { name: "Follow" }).click();
  await expect(page.locator("#follows")).toContainText("Stop following");

  // The member alerts the secretariat, open to all staff, consenting to a named appeal.
  await page.goto("/alerts/new");
  await hydrated(page);
  await page.getByLabel("Name of the person not in the platform yet").fill(name);
  await page.getByLabel("What happened", { exact: true }).fill("Arrested in Bujumbura after a press conference on torture in detention.");
  await page.getByLabel("Country").selectOption("BI");
  await page.getByLabel("Date it happened").fill("2026-11-28");
  await page.getByLabel("high risk").check();
  await page.getByLabel("Sources").fill("His organisation's director, by phone.");
  await page.getByLabel("may be made public with the person's name").check();
  await page.getByLabel("All secretariat staff").check();
  await page.getByRole("button", { name: "Send the alert" }).click();
  await expect(page).toHaveURL(/\/alerts\/[0-9a-f]+\?saved=sent$/);
  const alertPath = new URL(page.url()).pathname;

  // Staff verify it and write the appeal in English and French, approve and publish it.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, "staff", alertPath);
  await hydrated(staff);
  await staff.getByLabel("Sources checked").check();
  await staff.getByLabel("Consent confirmed").check();
  await staff.getByLabel("Risk assessed").check();
  await staff.getByRole("button", { name: "Save the verification" }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toContainText("verified");
  await staff.getByRole("link", { name: "Write an urgent appeal" }).click();
  await hydrated(staff);
  await staff.getByLabel("Everyone (public page and feed)").check();
  await staff.getByLabel("Title (en)").fill(`Burundi: release ${name}`);
  await staff.getByLabel("Text (en)").fill(`${name} was arrested after speaking about torture in detention.`);
  await staff.getByLabel("Title (fr)").fill(`Burundi : libérez ${name}`);
  await staff.getByLabel("Text (fr)").fill(`${name} a été arrêté après avoir dénoncé la torture en détention.`);
  await staff.getByRole("button", { name: "Save the draft" }).click();
  await expect(staff).toHaveURL(/\/appeals\/[0-9a-f]+\?saved=written$/);
  const appealPath = new URL(staff.url()).pathname;
  await hydrated(staff);
  await staff.getByRole("button", { name: "Approve the appeal" }).click();
  await expect(staff.locator("main")).toContainText("approved, not published");
  // A change once approved sends it back to draft, to be approved again.
  await staff.getByRole("link", { name: "Change this appeal" }).click();
  await hydrated(staff);
  await expect(staff.getByRole("note")).toContainText("goes back to draft");
  await expect(staff.getByLabel("Title (en)")).toHaveValue(`Burundi: release ${name}`);
  await staff.getByLabel("Text (en)").fill(`${name} was arrested in Bujumbura after speaking about torture in detention.`);
  await staff.getByRole("button", { name: "Save the changes" }).click();
  await expect(staff).toHaveURL(/\/appeals\/[0-9a-f]+\?saved=edited$/);
  await expect(staff.locator("main")).toContainText("arrested in Bujumbura after speaking");
  await hydrated(staff);
  await staff.getByRole("button", { name: "Approve the appeal" }).click();
  await expect(staff.locator("main")).toContainText("approved, not published");
  await staff.getByRole("button", { name: "Publish the appeal" }).click();
  await expect(staff.locator("main")).toContainText("published");

  // The follower's e-mail, in French, leads to the appeal, which they co-sign.
  const mail = await mailTo("member@example.org", (m) => (m.subject ?? "").includes(name));
  expect(mail.subject).toBe(`Appel urgent : Burundi : libérez ${name}`);
  expect(mail.headers.get("content-language")).toBe("fr");
  const link = linkIn(mail, /^\/appeals\//);
  expect(new URL(link).pathname).toBe(appealPath);
  await page.goto(link);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Burundi: release ${name}`);
  await page.getByRole("button", { name: "Co-sign for my organisation" }).click();
  await expect(page.locator("#cosigners")).toContainText("Mouvement Ivoirien des Droits Humains");

  // The public reads it without signing in, and in the feed.
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  await visitor.goto(appealPath);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(`Burundi: release ${name}`);
  const feed = await visitor.request.get("/appeals.atom");
  expect(await feed.text()).toContain(`Burundi: release ${name}`);
  await anonymous.close();

  // The member who alerted sees the decision.
  await page.goto(alertPath);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("acted on");

  // Staff record rapid-response support from the alert; the figures count it.
  await staff.goto(alertPath);
  await staff.getByRole("link", { name: "Record rapid-response support" }).click();
  await hydrated(staff);
  await staff.getByLabel("Title").fill(`Material aid for ${name}'s family`);
  await staff.getByLabel("Support", { exact: true }).selectOption("material");
  await staff.getByLabel("Sent on").fill("2026-11-29");
  await staff.getByLabel("Person").selectOption({ label: "Eren Keskin" });
  await staff.getByLabel("Requested on (rapid response)").fill("2026-11-28");
  await staff.getByLabel("Decision on the request (rapid response)").selectOption("granted");
  await staff.getByLabel("Amount granted, in euros (rapid response)").fill("800");
  await staff.getByLabel("Who may see this").selectOption("staff");
  await staff.getByRole("button", { name: "Record the intervention" }).click();
  await expect(staff).toHaveURL(/\/interventions\/[a-z0-9-]+$/);
  await staff.goto("/figures?year=2026");
  await expect(staff.locator("section", { has: staff.getByRole("heading", { name: "Rapid-response support" }) })).toContainText("Material aid: 1");
  await staffContext.close();
});
