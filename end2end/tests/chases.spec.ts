import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { PASSWORD, signIn } from "./people";

// Runs in both projects against one server: each records a promise of its own, named after
// the project, due a few days ago, and runs the chase engine from the command line on the
// server's database, as an administrator's cron would (`watchdog chase run`).

const DAY = 24 * 60 * 60 * 1000;
// Today as the server reads it (the instance's zone, London), at midnight UTC.
const today = new Date(`${new Date().toLocaleDateString("en-CA", { timeZone: "Europe/London" })}T00:00:00Z`);
const daysFromToday = (days: number) => new Date(today.getTime() + days * DAY);
const iso = (date: Date) => date.toISOString().slice(0, 10);
const month = (date: Date) => date.toLocaleString("en-GB", { month: "long", timeZone: "UTC" });
const longDate = (date: Date) => `${date.getUTCDate()} ${month(date)} ${date.getUTCFullYear()}`;

function runChaseEngine(): string {
  return execFileSync(process.env.WATCHDOG_E2E_BINARY!, ["chase", "run"], {
    env: { ...process.env, WATCHDOG_DATA_DIR: process.env.WATCHDOG_E2E_DATA_DIR!, WATCHDOG_LOG: "warn" },
    encoding: "utf8",
  });
}

test("a promise passes its date; the engine chases it; the representative finds the chase in the inbox, answers it and marks it read", async ({
  page,
  browser,
  javaScriptEnabled,
}, testInfo) => {
  const title = `Audit trail export (${testInfo.project.name})`;

  // The chair records a promise that fell due five days ago.
  await signIn(page, "chair@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  await page.goto("/commitments/new");
  await page.getByLabel("What was promised").fill(title);
  await page.getByLabel("Supplier", { exact: true }).selectOption({ label: "Example Clinical Systems" });
  await page.getByLabel("When, in the supplier's words").fill(`by ${longDate(daysFromToday(-5))}`);
  await page.getByLabel("Said on").fill(iso(daysFromToday(-60)));
  await page.getByRole("button", { name: "Record the commitment" }).click();
  await expect(page).toHaveURL(/\/commitments\/\d+\?changed=added/);
  const commitmentPath = new URL(page.url()).pathname;
  const label = `C-${commitmentPath.split("/").pop()}`;

  // The engine runs. (Both projects' runs chase both projects' promises: whichever runs
  // first records each, so how many this run records is not known; the inbox says.)
  expect(runChaseEngine()).toMatch(/^\d+ chase steps? recorded, of \d+ items? due or nearly due/m);

  // The supplier's representative sees the unread count, and the chase in the inbox.
  const context = await browser.newContext({ javaScriptEnabled });
  const rep = await context.newPage();
  await signIn(rep, "supplier@example.org", PASSWORD);
  const inboxLink = rep.getByRole("banner").getByRole("link", { name: /^Inbox \d+ unread$/ });
  await expect(inboxLink).toBeVisible();
  await inboxLink.click();
  await expect(rep.getByRole("heading", { level: 1 })).toHaveText("Inbox");
  await rep.getByRole("link", { name: "Unread only" }).click();
  await expect(rep).toHaveURL(/\/inbox\?show=unread$/);
  const subject = `Overdue, first chase: ${label} ${title}`;
  const entry = rep.getByRole("listitem").filter({ has: rep.getByRole("heading", { name: subject }) });
  await expect(entry).toContainText("Unread");
  await expect(entry).toContainText(`was due by ${longDate(daysFromToday(-5))} and is 5 days overdue`);
  if (javaScriptEnabled) {
    const results = await new AxeBuilder({ page: rep }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  }

  // It links to the promise; the representative records a new one, which answers the chase.
  await entry.getByRole("link", { name: subject }).click();
  await expect(rep).toHaveURL(commitmentPath);
  const chases = rep.getByRole("region", { name: "Chases" });
  await expect(chases).toContainText(`Chased on ${longDate(today)} — no reply yet.`);
  const revise = rep.getByRole("region", { name: "Record a new promise" });
  await revise.getByLabel("Status").selectOption({ label: "In progress" });
  await revise.getByLabel("When, in the supplier's words").fill(`by ${longDate(daysFromToday(30))}`);
  await revise.getByLabel("Said on").fill(iso(today));
  await revise.getByLabel("Why it changed").fill("The export needed a new index");
  await revise.getByRole("button", { name: "Record the promise" }).click();
  await expect(rep.getByRole("status")).toContainText("The new promise is recorded in the ledger.");
  await expect(rep.getByRole("region", { name: "Chases" })).toContainText(
    `Chased on ${longDate(today)} — answered ${longDate(today)}.`,
  );

  // Back in the inbox, marked read: it leaves the unread list and stays in the whole one.
  await rep.goto("/inbox?show=unread");
  await entry.getByRole("button", { name: /^Mark read/ }).click();
  await expect(rep).toHaveURL(/\/inbox\?show=unread$/);
  await expect(rep.getByRole("heading", { name: subject })).toHaveCount(0);
  await rep.getByRole("link", { name: "All" }).click();
  await expect(rep.getByRole("heading", { name: subject })).toBeVisible();
  await expect(
    rep.getByRole("listitem").filter({ has: rep.getByRole("heading", { name: subject }) }),
  ).not.toContainText("Unread");
  await context.close();
});
