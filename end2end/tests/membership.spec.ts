import { expect, test } from "./fixtures";
import { linkIn, mailTo } from "../mail/inbox";

// An organisation applies to join the network on the public page; staff
// review it against the criteria and ask its referees; a referee member
// answers in the platform; staff admit it; its contact opens the account
// from the e-mail it receives; and a member finds the new member on the map
// and among the newest members.

const accounts = {
  member: { email: "member@example.org", password: "abidjan orange notebook 42" },
  staff: { email: "staff@example.org", password: "harbour compass amber 2011" },
};

async function hydrated(page) {
  await page.waitForFunction(() => (window as any).__sosHydrated === true);
}

async function signIn(page, who: keyof typeof accounts, next: string) {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("E-mail address").fill(accounts[who].email);
  await page.getByLabel("Password").fill(accounts[who].password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${next}$`));
}

/// The map's table: the number of organisations in Timor-Leste, 0 when absent.
async function organisationsInTimor(page): Promise<number> {
  await page.goto("/map");
  await page.getByText("The same as a table").click();
  const row = page.locator("table tr", { has: page.getByRole("link", { name: "Timor-Leste" }) });
  if ((await row.count()) === 0) return 0;
  return Number(await row.locator("td.number").innerText());
}

test("an organisation applies, is reviewed, vouched for and admitted, and opens its account", async ({ browser }) => {
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signIn(member, "member", "/organisations");
  const before = await organisationsInTimor(member);

  // The applicant, on the public page.
  const applicantContext = await browser.newContext();
  const applicant = await applicantContext.newPage();
  await applicant.goto("/");
  await applicant.getByRole("link", { name: "Join", exact: true }).click();
  await expect(applicant).toHaveURL(/\/join$/);
  await expect(applicant.locator(".criteria-list")).toContainText("Independent of any government");
  await hydrated(applicant);
  const form = applicant.locator("form", { has: applicant.getByRole("button", { name: "Send the application" }) });
  await form.getByLabel("Name", { exact: true }).fill("Timor-Leste Centre against Torture");
  await form.getByLabel("Acronym").fill("TLCAT");
  await form.getByLabel("Country where it is based").selectOption("TL");
  await form.getByLabel("City").fill("Dili");
  await form.getByLabel("Year founded").fill("2017");
  await form.getByLabel("Legal status (for example: registered association)").fill("Registered non-profit association");
  await form.getByLabel("Mandate and activities against torture").fill("Legal aid and medical care for people tortured in police custody; monitoring of detention.");
  await form.getByLabel("Independence").fill("Governed by an elected board; funded by members and private foundations.");
  await form.getByLabel("First reference").selectOption("midh");
  // The second reference: the same one is refused, with the reason.
  await form.getByLabel("Second reference").selectOption("midh");
  await form.getByLabel("Full name").fill("Maria da Costa");
  await form.getByLabel("E-mail address").fill("maria.costa@example.org");
  await form.getByRole("button", { name: "Send the application" }).click();
  await expect(applicant.getByRole("alert")).toContainText("Referee");
  const second = form.getByLabel("Second reference");
  const other = await second.locator("option").nth(2).getAttribute("value");
  await second.selectOption(other!);
  await form.getByRole("button", { name: "Send the application" }).click();
  await expect(applicant).toHaveURL(/\/join\/status\/[0-9a-f]{64}$/);
  const statusPage = applicant.url();
  await expect(applicant.locator("main")).toContainText("The secretariat is reviewing your application.");

  // Staff review it.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, "staff", "/organisations");
  await staff.getByRole("link", { name: "Applications" }).click();
  await expect(staff).toHaveURL(/\/applications$/);
  await staff.getByRole("link", { name: "Timor-Leste Centre against Torture" }).click();
  await hydrated(staff);
  const criteria = staff.locator("section", { has: staff.getByRole("heading", { name: "Criteria" }) });
  const torture = criteria.locator("fieldset", { hasText: "Works against torture" });
  await torture.getByLabel("met", { exact: true }).check();
  const independent = criteria.locator("fieldset", { hasText: "Independent of any government" });
  await independent.getByLabel("unclear").check();
  await independent.getByLabel("Note").fill("Ask the referees about the board.");
  await criteria.getByRole("button", { name: "Save the assessment" }).click();
  await expect(staff.locator("main")).toContainText("Your changes are saved.");
  await expect(independent.getByLabel("Note")).toHaveValue("Ask the referees about the board.");
  await staff.getByRole("button", { name: "Ask the referees" }).click();
  await expect(staff.locator("ul.referees")).toContainText("asked, no answer yet");

  // MIDH's member answers in the platform.
  await member.goto("/organisations");
  await member.getByRole("link", { name: "References" }).click();
  await hydrated(member);
  const request = member.locator("article", { has: member.getByRole("heading", { name: "Timor-Leste Centre against Torture" }) });
  await expect(request).toContainText("Legal aid and medical care");
  await request.getByLabel("supports the application").check();
  await request.getByLabel("Comment").fill("We trained their lawyers in 2023.");
  await request.getByRole("button", { name: "Send the answer" }).click();
  await expect(request).toContainText("Your answer: supports the application");

  // Staff see the answer, and admit the organisation.
  await staff.reload();
  await hydrated(staff);
  await expect(staff.locator("ul.referees")).toContainText("supports the application");
  await expect(staff.locator("ul.referees")).toContainText("We trained their lawyers in 2023.");
  const decision = staff.locator("section", { has: staff.getByRole("heading", { name: "Decision" }) });
  await decision.getByLabel("Admit: create the member").check();
  await decision.getByLabel("Reason").fill("Meets the criteria; both references support it.");
  await decision.getByRole("button", { name: "Record the decision" }).click();
  await expect(staff.locator("h1")).toContainText("Admitted");
  await expect(staff.locator(".invite-link")).toContainText("/invite/");
  await expect(staff.getByRole("link", { name: "Timor-Leste Centre against Torture" })).toBeVisible();
  await staffContext.close();

  // The applicant's page says the invitation went to the contact by
  // e-mail, without the link: whoever holds that page's address need not
  // be the contact person.
  await applicant.goto(statusPage);
  await expect(applicant.locator("main")).toContainText("Welcome to the SOS-Torture network.");
  await expect(applicant.locator("main")).toContainText("was sent by e-mail to the contact person");
  await expect(applicant.locator("a[href*='/invite/']")).toHaveCount(0);
  await applicantContext.close();

  // The contact person opens the account from the e-mail, received by a
  // real SMTP server, in the language the application was written in.
  const mail = await mailTo("maria.costa@example.org");
  expect(mail.subject).toBe("Timor-Leste Centre against Torture is a member of the SOS-Torture network");
  expect(mail.headers.get("content-language")).toBe("en");
  expect(mail.text).toContain("Maria da Costa");
  const contactContext = await browser.newContext();
  const contact = await contactContext.newPage();
  await contact.goto(linkIn(mail, /^\/invite\//));
  await expect(contact.locator("main")).toContainText("maria.costa@example.org");
  await contact.getByLabel("Password").fill("dili harbour morning lanterns");
  await contact.getByRole("button", { name: "Open my account" }).click();
  await expect(contact.locator(".account-menu")).toContainText("Signed in as Maria da Costa");
  await contactContext.close();

  // A member sees the new member on the map and among the newest members.
  expect(await organisationsInTimor(member)).toBe(before + 1);
  await member.goto("/");
  const newest = member.locator("section", { has: member.getByRole("heading", { name: "Newest members" }) });
  await expect(newest).toContainText("Timor-Leste Centre against Torture");
  await memberContext.close();
});
