import AxeBuilder from "@axe-core/playwright";
import { expect, Page, test } from "@playwright/test";
import { PASSWORD, signIn } from "./people";

// Runs in both projects against one server: each makes a meeting and a commitment of its own,
// named after the project.

// Dates relative to today (the server runs on this machine's clock), so the journey stands the
// same way whenever it runs: a meeting 200 days ago, a promise for the middle of the month
// after it, a re-promise that is overdue by now, and one still to come.
const DAY = 24 * 60 * 60 * 1000;
const today = new Date();
const daysFromToday = (days: number) => new Date(today.getTime() + days * DAY);
const iso = (date: Date) => date.toISOString().slice(0, 10);
const month = (date: Date) => date.toLocaleString("en-GB", { month: "long", timeZone: "UTC" });
const longDate = (date: Date) => `${date.getUTCDate()} ${month(date)} ${date.getUTCFullYear()}`;
const meetingDay = daysFromToday(-200);
const monthAfter = new Date(Date.UTC(meetingDay.getUTCFullYear(), meetingDay.getUTCMonth() + 1, 15));
const firstWords = `mid-${month(monthAfter)}`;
const firstReading = (() => {
  const year = monthAfter.getUTCFullYear();
  const short = month(monthAfter).slice(0, 3);
  return `Read as mid-${month(monthAfter)} ${year} (11 ${short} – 20 ${short} ${year})`;
})();

async function noSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  expect(blocking).toEqual([]);
}

test("a chair makes a commitment of the supplier's action; the supplier re-promises it twice; a member sees it overdue, then reads the ledger", async ({
  browser,
  page,
  javaScriptEnabled,
}, testInfo) => {
  test.setTimeout(180_000);
  const project = testInfo.project.name;
  const action = `Roll the new appointment book out to all sites (${project})`;

  // A meeting with the supplier, and what the supplier said it would do.
  await signIn(page, "chair@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  await page.goto("/meetings/new");
  await page.getByLabel("Title").fill(`Watchdog meeting on promises (${project})`);
  await page.getByLabel("Supplier", { exact: true }).selectOption({ label: "Example Clinical Systems" });
  await page.getByLabel("Date").fill(iso(meetingDay));
  await page.getByLabel("Start time").fill("10:00");
  await page.getByRole("button", { name: "Schedule meeting" }).click();
  await expect(page).toHaveURL(/\/meetings\/\d+\/edit/);
  const add = page.getByRole("region", { name: "Add an item" });
  await add.getByLabel("Heading").fill("Appointment book roll-out");
  await add.getByLabel("Minutes").fill("The supplier expects the roll-out to all sites by the middle of next month.");
  await add.getByRole("button", { name: "Add item" }).click();
  const item = page.getByRole("region", { name: /Appointment book roll-out/ });
  await item.getByText("Record an action").click();
  await item.getByLabel("What is to be done").fill(action);
  await item.getByLabel("Who is to do it").selectOption({ label: "The supplier: Example Clinical Systems" });
  await item.getByLabel("When it is due").fill(firstWords);
  await item.getByRole("button", { name: "Record action" }).click();

  // Made a commitment: the form is filled from the action and the meeting's date.
  await page.getByRole("link", { name: `Make this a commitment: ${action}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Record a commitment");
  await expect(page.getByText(`Made from the action “${action}”`)).toBeVisible();
  await expect(page.getByLabel("What was promised")).toHaveValue(action);
  const words = page.getByLabel("When, in the supplier's words");
  await expect(words).toHaveValue(firstWords);
  await expect(page.getByLabel("Said on")).toHaveValue(iso(meetingDay));
  if (javaScriptEnabled) {
    // The words are read as they are typed, on the day they were said.
    await expect(page.getByText(firstReading)).toBeVisible();
    await words.fill("whenever they like");
    await expect(page.locator(".timeframe-reading__result .field__error")).toBeVisible();
    await words.fill(firstWords);
    await noSeriousViolations(page);
  }
  await page.getByRole("button", { name: "Record the commitment" }).click();
  await expect(page).toHaveURL(/\/commitments\/\d+\?changed=added/);
  const commitmentPath = new URL(page.url()).pathname;
  await expect(page.getByRole("status")).toContainText("The commitment is recorded.");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(action);
  // Today is long past the middle of the month after the meeting.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("overdue");

  // The supplier's representative re-promises it: later needs a reason, and the words stay.
  const repContext = await browser.newContext({ javaScriptEnabled });
  const rep = await repContext.newPage();
  await signIn(rep, "supplier@example.org", PASSWORD);
  await expect(rep.getByRole("banner")).toContainText("signed in as");
  await rep.goto(commitmentPath);
  const revise = rep.getByRole("region", { name: "Record a new promise" });
  await revise.getByLabel("Status").selectOption({ label: "In progress" });
  const overdueWords = `by ${longDate(daysFromToday(-100))}`;
  await revise.getByLabel("When, in the supplier's words").fill(overdueWords);
  await revise.getByLabel("Said on").fill(iso(daysFromToday(-160)));
  await revise.getByRole("button", { name: "Record the promise" }).click();
  const refused = rep.getByRole("region", { name: "Record a new promise" });
  await expect(refused.getByText("The promise moves later: say why, as the supplier gave it.")).toBeVisible();
  await expect(refused.getByLabel("When, in the supplier's words")).toHaveValue(overdueWords);
  await refused.getByLabel("Said on").fill(iso(daysFromToday(-160)));
  await refused.getByLabel("Why it changed").fill("Testing found a fault in the booking screen");
  await refused.getByRole("button", { name: "Record the promise" }).click();
  await expect(rep.getByRole("status")).toContainText("The new promise is recorded in the ledger.");
  await expect(rep.getByText(/^Slipped 1 time, \d+ days later than first promised\.$/)).toBeVisible();

  // That day has passed: a member sees it overdue on the home page.
  const memberContext = await browser.newContext({ javaScriptEnabled });
  const member = await memberContext.newPage();
  await signIn(member, "member@example.org", PASSWORD);
  await expect(member.getByRole("banner")).toContainText("signed in as");
  await member.goto("/");
  await expect(member.getByRole("region", { name: "Overdue promises" })).toContainText(action);

  const again = rep.getByRole("region", { name: "Record a new promise" });
  await again.getByLabel("When, in the supplier's words").fill(`by ${longDate(daysFromToday(60))}`);
  await again.getByLabel("Said on").fill(iso(daysFromToday(-10)));
  await again.getByLabel("Why it changed").fill("The pilot sites asked for more time");
  await again.getByRole("button", { name: "Record the promise" }).click();
  await expect(rep.getByText(/^Slipped 2 times, \d+ days later than first promised\.$/)).toBeVisible();
  await expect(rep.getByRole("heading", { level: 1 })).toContainText("slipped");
  await repContext.close();

  // The member finds it among the slipped promises and reads every promise made.
  await member.getByRole("banner").getByRole("link", { name: "Commitments" }).click();
  await member.getByLabel("Standing").selectOption({ label: "slipped" });
  await member.getByRole("button", { name: "Show" }).click();
  await expect(member).toHaveURL(/rating=slipped/);
  await member.getByRole("link", { name: action }).click();
  await expect(member.getByRole("heading", { level: 1 })).toContainText(action);
  const ledger = member.getByRole("region", { name: "Every promise made" }).getByRole("listitem");
  await expect(ledger).toHaveCount(3);
  await expect(ledger.first()).toContainText("The pilot sites asked for more time");
  await expect(member.getByRole("region", { name: "Record a new promise" })).toHaveCount(0);
  await expect(member.getByRole("img", { name: /^The due date moved from 20 / })).toBeVisible();
  if (javaScriptEnabled) {
    await noSeriousViolations(member);
    await member.goto("/commitments");
    await noSeriousViolations(member);
  }
  await memberContext.close();
});
