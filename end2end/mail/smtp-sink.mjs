// A real SMTP server for the browser journeys (the npm package smtp-server):
// it accepts every message on 127.0.0.1 and writes each one, as received,
// to a file of the directory the journeys read (mail/inbox.ts). Started by
// Playwright before the platform's server, stopped with it.
import { SMTPServer } from "smtp-server";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const port = Number(process.env.E2E_SMTP_PORT ?? 2525);
const dir = process.env.E2E_MAIL_DIR;
if (!dir) {
  console.error("E2E_MAIL_DIR is not set");
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
let received = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  // No message of the platform comes near this; a runaway one fails loudly.
  size: 1024 * 1024,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("end", () => {
      received += 1;
      const name = `${String(Date.now()).padStart(15, "0")}-${String(received).padStart(5, "0")}.eml`;
      writeFileSync(join(dir, name), Buffer.concat(chunks));
      callback();
    });
  },
});
server.on("error", (e) => console.error("smtp sink:", e.message));
server.listen(port, "127.0.0.1");
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
