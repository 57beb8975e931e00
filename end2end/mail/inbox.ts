// The messages the SMTP sink received, parsed (MIME, headers, text) with
// the npm package mailparser.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser, ParsedMail } from "mailparser";
import { expect } from "@playwright/test";

export type Mail = ParsedMail & { raw: string };

const dir = () => {
  const d = process.env.E2E_MAIL_DIR;
  if (!d) throw new Error("E2E_MAIL_DIR is not set");
  return d;
};

export async function allMail(): Promise<Mail[]> {
  const names = readdirSync(dir()).filter((n) => n.endsWith(".eml")).sort();
  const out: Mail[] = [];
  for (const n of names) {
    const raw = readFileSync(join(dir(), n), "utf8");
    out.push(Object.assign(await simpleParser(raw), { raw }));
  }
  return out;
}

/** The newest message to `to` that `matches`, waiting for the sender (at most 20 s). */
export async function mailTo(to: string, matches: (m: Mail) => boolean = () => true): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const all = await allMail();
        found = all.reverse().find((m) => {
          const addresses = [m.to].flat().flatMap((a) => (a ? a.value.map((v) => v.address) : []));
          return addresses.includes(to) && matches(m);
        });
        return found !== undefined;
      },
      { timeout: 20_000, message: `a message to ${to}` },
    )
    .toBe(true);
  return found!;
}

/** The first link of this site in the message's text. */
export function linkIn(mail: Mail, path: RegExp): string {
  const links = (mail.text ?? "").match(/https?:\/\/\S+/g) ?? [];
  const link = links.find((l) => path.test(new URL(l).pathname));
  if (!link) throw new Error(`no link to ${path} in: ${mail.text}`);
  return link;
}
