import AxeBuilder from "@axe-core/playwright";
import { expect, Page, test } from "@playwright/test";
import { PASSWORD, signIn } from "./people";

// Runs in both projects against one server: each makes a meeting and a commitment of its own,
// named after the project.

// Dates relative to today (the server runs on this machine's clock), so the journey stands the
// same way whenever it runs: a meeting some months ago (200 days for one project, 380 for the
// other, so their promises are made in different quarters and each project's scorecard row is
// its own), a promise for the middle of the month after it, a re-promise that is overdue by
// now, and one still to come.
const DAY = 24 * 60 * 60 * 1000;
const today = new Date();
const daysFromToday = (days: number) => new Date(today.getTime() + days * DAY);
const iso = (date: Date) => date.toISOString().slice(0, 10);
const month = (date: Date) => date.toLocaleString("en-GB", { month: "long", timeZone: "UTC" });
const longDate = (date: Date) => `${date.getUTCDate()} ${month(date)} ${date.getUTCFullYear()}`;
// The calendar quarter a day falls in, as the demo numbers them: "Q3 2026".
const quarterOf = (date: Date) => `Q${Math.floor(date.getUTCMonth() / 3) + 1} ${date.getUTCFullYear()}`;

function journeyDates(daysBack: number) {
  const meetingDay = daysFromToday(-daysBack);
  const monthAfter = new Date(Date.UTC(meetingDay.getUTCFullYear(), meetingDay.getUTCMonth() + 1, 15));
  const year = monthAfter.getUTCFullYear();
  const short = month(monthAfter).slice(0, 3);
  return {
    meetingDay,
    monthAfter,
    firstWords: `mid-${month(monthAfter)}`,
    firstReading: `Read as mid-${month(monthAfter)} ${year} (11 ${short} – 20 ${short} ${year})`,
  };
}

// How many promises the scorecard counts as slipped among those the supplier made in a quarter.
async function slippedIn(page: Page, quarter: string): Promise<number> {
  await page.goto("/commitments/scorecard");
  await page.getByLabel("Supplier").selectOption({ label: "Example Clinical Systems" });
  await page.getByLabel("Figures by").selectOption({ label: "Quarter" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Scorecard: Example Clinical Systems");
  const row = page.getByRole("row", { name: new RegExp(`^${quarter} `) });
  if ((await row.count()) === 0) return 0;
  const cell = row.locator('td[data-label="Slipped at least once"]');
  return Number((await cell.textContent())?.trim());
}

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
  const { meetingDay, monthAfter, firstWords, firstReading } = journeyDates(project === "js" ? 200 : 380);
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

  // A member reads the supplier's scorecard before the promise slips.
  const memberContext = await browser.newContext({ javaScriptEnabled });
  const member = await memberContext.newPage();
  await signIn(member, "member@example.org", PASSWORD);
  await expect(member.getByRole("banner")).toContainText("signed in as");
  const slippedBefore = await slippedIn(member, quarterOf(meetingDay));

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

  // The scorecard counts it among the promises made that quarter that slipped.
  expect(await slippedIn(member, quarterOf(meetingDay))).toBe(slippedBefore + 1);
  await expect(member.getByRole("img", { name: /^Promises made in each period: / })).toBeVisible();
  if (javaScriptEnabled) await noSeriousViolations(member);

  // That day has passed: the member sees it overdue on the home page.
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

  // The roadmap shows it in the quarter it is due in now, with its trail back to the quarter
  // first promised, where it shows as moved on.
  await member.goto("/commitments/roadmap");
  const dueNow = quarterOf(daysFromToday(60));
  const card = member
    .getByRole("region", { name: new RegExp(`^${dueNow} `) })
    .getByRole("listitem")
    .filter({ hasText: action });
  await expect(card).toContainText(new RegExp(`Due in: ${quarterOf(monthAfter)} → .*${dueNow}$`));
  await expect(
    member
      .getByRole("region", { name: new RegExp(`^${quarterOf(monthAfter)} `) })
      .getByRole("listitem")
      .filter({ hasText: action }),
  ).toContainText(`First promised for this quarter; now due in ${dueNow}`);
  if (javaScriptEnabled) await noSeriousViolations(member);

  // Since the meeting it was promised at, it shows as a new promise that slipped.
  await member.goto("/commitments/since");
  const heldOn = longDate(meetingDay);
  await member
    .getByLabel("Since the meeting of")
    .selectOption({ label: `${heldOn}: Watchdog meeting on promises (${project}) (Example Clinical Systems)` });
  await member.getByRole("button", { name: "Show" }).click();
  await expect(member.getByRole("heading", { level: 1 })).toHaveText(`Since the meeting of ${heldOn}`);
  await expect(member.getByRole("region", { name: /^New promises/ })).toContainText(action);
  await expect(member.getByRole("region", { name: /^Slipped/ })).toContainText(`${action}`);
  await expect(member.getByRole("region", { name: /^Slipped/ })).toContainText("slipped twice since");
  if (javaScriptEnabled) await noSeriousViolations(member);

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

test("the roadmap reads on a phone and on paper: its quarters stack, its form is left off the page", async ({
  page,
}) => {
  await signIn(page, "member@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto("/commitments/roadmap");
  const current = page.locator(".roadmap__column--current");
  await expect(current).toContainText("this quarter");
  const box = await current.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(300);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("search", { name: "Choose a supplier" })).toBeHidden();
  await expect(page.getByRole("heading", { name: "No date yet" })).toBeVisible();
  await expect(current).toBeVisible();
});

test("a release moves, and the promise made in it moves with it, its ledger saying why", async ({ page, javaScriptEnabled }, testInfo) => {
  const version = testInfo.project.name === "js" ? "6.0.1" : "6.0.2";
  await signIn(page, "chair@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  await page.goto("/releases");
  const add = page.getByRole("region", { name: "Add a release" });
  await add.getByLabel("Supplier", { exact: true }).selectOption({ label: "Example Clinical Systems" });
  await add.getByLabel("Version").fill(version);
  await add.getByLabel("Expected, in the supplier's words").fill("next quarter");
  await add.getByRole("button", { name: "Add release" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Release ${version}`);
  await expect(page.getByRole("status")).toContainText("The release is added.");
  const releasePath = new URL(page.url()).pathname;

  await page.goto("/commitments/new");
  await page.getByLabel("What was promised").fill(`Online booking in ${version}`);
  await page.getByLabel("Supplier", { exact: true }).selectOption({ label: "Example Clinical Systems" });
  await page.getByLabel("When, in the supplier's words").fill(`in ${version}`);
  await page.getByRole("button", { name: "Record the commitment" }).click();
  await expect(page).toHaveURL(/\/commitments\/\d+\?changed=added/);
  const commitmentPath = new URL(page.url()).pathname;

  await page.goto(releasePath);
  await expect(page.getByRole("region", { name: "Promised in this release" })).toContainText(`Online booking in ${version}`);
  const change = page.getByRole("region", { name: "Change the release" });
  await change.getByLabel("Expected, in the supplier's words").fill("in eight months");
  await change.getByRole("button", { name: "Save the release" }).click();
  await expect(page.getByRole("status")).toContainText("The release is saved");

  await page.goto(commitmentPath);
  const ledger = page.getByRole("region", { name: "Every promise made" }).getByRole("listitem");
  await expect(ledger).toHaveCount(2);
  await expect(ledger.first()).toContainText(`release ${version} moved`);
  if (javaScriptEnabled) {
    await page.goto("/releases");
    await noSeriousViolations(page);
    await page.goto(releasePath);
    await noSeriousViolations(page);
  }
});

test("an issue is linked to the commitment that brings its fix; minutes that name a commitment lead to it", async ({
  page,
  javaScriptEnabled,
}, testInfo) => {
  await signIn(page, "chair@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  // A commitment of each project's own, so the two runs do not meet.
  await page.goto("/commitments/new");
  await page.getByLabel("What was promised").fill(`Faster search (${testInfo.project.name})`);
  await page.getByLabel("Supplier", { exact: true }).selectOption({ label: "Example Clinical Systems" });
  await page.getByLabel("When, in the supplier's words").fill("next quarter");
  await page.getByRole("button", { name: "Record the commitment" }).click();
  await expect(page).toHaveURL(/\/commitments\/\d+\?changed=added/);
  const commitmentPath = new URL(page.url()).pathname;
  const label = `C-${commitmentPath.split("/").pop()}`;

  // The committee changes its details; its ledger is left as it was.
  await page.getByRole("link", { name: "Change the details" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Change the details of ${label}`);
  await page.getByLabel("What was promised").fill(`Faster search everywhere (${testInfo.project.name})`);
  await page.getByLabel("Details").fill("Results in under a second on **every** screen.");
  await page.getByRole("button", { name: "Save the details" }).click();
  await expect(page).toHaveURL(new RegExp(`${commitmentPath}\\?changed=edited`));
  await expect(page.getByRole("status")).toContainText("The details are saved.");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Faster search everywhere");
  await expect(page.locator(".prose strong")).toHaveText("every");
  await expect(page.getByRole("region", { name: "Every promise made" }).getByRole("listitem")).toHaveCount(1);

  // An issue the supplier does not have is refused by the field, the number kept.
  const issues = () => page.getByRole("region", { name: "Issues it answers" });
  await expect(issues()).toContainText("No issue is linked to it.");
  await issues().getByLabel("Link an issue").fill("#99999");
  await issues().getByRole("button", { name: "Link issue" }).click();
  await expect(issues().getByText("There is no issue #99999 of Example Clinical Systems.")).toBeVisible();
  await expect(issues().getByLabel("Link an issue")).toHaveValue("#99999");
  await issues().getByLabel("Link an issue").fill("1");
  await issues().getByRole("button", { name: "Link issue" }).click();
  await expect(page.getByRole("status")).toContainText("The issue is linked.");
  await expect(issues().getByRole("link", { name: /^#1 / })).toBeVisible();

  // The issue names the commitment its fix is planned under.
  await page.goto("/issues/1");
  await expect(page.locator(".facts")).toContainText(`${label} Faster search`);

  await page.goto(commitmentPath);
  await issues().getByRole("button", { name: "Unlink #1" }).click();
  await expect(page.getByRole("status")).toContainText("The issue is unlinked.");
  await expect(issues()).toContainText("No issue is linked to it.");

  // The demo's dosage fix was gone through at the autumn meeting: its page leads to the
  // minutes, whose reference leads back.
  await page.goto("/commitments");
  await page.getByRole("link", { name: "Fix repeat prescriptions losing their dosage text" }).click();
  const dosagePath = new URL(page.url()).pathname;
  const discussed = page.locator(".timeline__item--discussed");
  await expect(discussed).toContainText("Discussed at the watchdog meeting of");
  await discussed.getByRole("link").click();
  await expect(page).toHaveURL(/\/meetings\/\d+#item-\d+$/);
  await page.getByRole("link", { name: `C-${dosagePath.split("/").pop()}`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${dosagePath}$`));
  if (javaScriptEnabled) {
    await page.goto(commitmentPath);
    await noSeriousViolations(page);
  }
});

test("a member narrows the commitments to one module's slipped promises, then to those one meeting heard", async ({
  page,
  javaScriptEnabled,
}) => {
  await signIn(page, "member@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  await page.goto("/commitments");
  const search = page.getByRole("search", { name: "Filter commitments" });
  await search.getByLabel("Module").selectOption({ label: "Clinical system (Example Clinical Systems)" });
  await search.getByLabel("Slipped at least once").check();
  await search.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/[?&]module=\d+/);
  await expect(page).toHaveURL(/[?&]slipped=1/);
  // The demo's clinical-system promises that moved later: the roll-out after the pilot, the
  // dosage fix (twice) and the engine whose release moved. The workaround was kept, and the
  // freezing fix has not moved.
  const rows = page.getByRole("link", { name: /^(Roll 5\.2 out|Fix repeat prescriptions|The new prescribing engine|The workaround|Fix the appointment book)/ });
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole("link", { name: "Fix repeat prescriptions losing their dosage text" })).toBeVisible();
  await expect(page.getByRole("link", { name: "The new prescribing engine" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Roll 5.2 out to every practice after the pilot" })).toBeVisible();
  await expect(search.getByLabel("Slipped at least once")).toBeChecked();

  // Vague or conditional when made, across every module.
  await page.goto("/commitments?vague=1");
  await expect(page.getByRole("link", { name: "What will replace batch letters, and when" })).toBeVisible();
  await expect(page.getByRole("link", { name: "A safety notice about misfiled lab results, to every practice" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Fix repeat prescriptions losing their dosage text" })).toHaveCount(0);

  // The summer meeting's page leads to what was promised at it.
  await page.goto("/meetings");
  await page.getByRole("link", { name: "Watchdog meeting with Example Clinical Systems, summer" }).click();
  await page.getByRole("link", { name: "Promised at this meeting" }).click();
  await expect(page).toHaveURL(/\/commitments\?meeting=\d+$/);
  await expect(page.getByRole("link", { name: "Fix repeat prescriptions losing their dosage text" })).toBeVisible();
  await expect(page.getByRole("link", { name: "The new prescribing engine" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Fix the appointment book freezing" })).toHaveCount(0);
  await expect(page.getByRole("search", { name: "Filter commitments" }).getByLabel("Promised at")).not.toHaveValue("");
  if (javaScriptEnabled) await noSeriousViolations(page);
});
