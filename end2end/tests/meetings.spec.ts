import { expect, test } from "@playwright/test";
import { PASSWORD, signIn } from "./people";

// Runs in both projects against one server: each schedules a meeting of its own, named after
// the project.

test("a chair schedules a meeting, writes its minutes, publishes; a member reads them", async ({
  browser,
  page,
  javaScriptEnabled,
}, testInfo) => {
  test.setTimeout(120_000);
  const title = `Watchdog meeting (${testInfo.project.name})`;

  await signIn(page, "chair@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  await page.getByRole("banner").getByRole("link", { name: "Meetings" }).click();
  await page.getByRole("link", { name: "Schedule a meeting" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Schedule a meeting");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Supplier", { exact: true }).selectOption({ label: "Example Clinical Systems" });
  await page.getByLabel("Date").fill("2026-06-15");
  await page.getByLabel("Start time").fill("10:00");
  await page.getByRole("button", { name: "Schedule meeting" }).click();

  await expect(page).toHaveURL(/\/meetings\/\d+\/edit/);
  await expect(page.getByRole("status")).toContainText("The meeting is scheduled");
  const meetingPath = new URL(page.url()).pathname.replace(/\/edit$/, "");

  // A refused item keeps what was typed (a heading of spaces passes the browser's check,
  // not the server's).
  const add = page.getByRole("region", { name: "Add an item" });
  await add.getByLabel("Heading").fill("   ");
  await add.getByLabel("Minutes").fill("Written before the heading.");
  await add.getByRole("button", { name: "Add item" }).click();
  await expect(page.getByText("Enter the item's heading.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Add an item" }).getByLabel("Minutes")).toHaveValue(
    "Written before the heading.",
  );

  for (const [heading, minutes] of [
    ["Outage on 2 June", "The supplier apologised for the outage; see #1."],
    ["Release 5.2 pilot", "Piloting at **three** sites."],
  ]) {
    const form = page.getByRole("region", { name: "Add an item" });
    await form.getByLabel("Heading").fill(heading);
    await form.getByLabel("Minutes").fill(minutes);
    await form.getByRole("button", { name: "Add item" }).click();
    await expect(page.getByRole("heading", { level: 3, name: new RegExp(heading) })).toBeVisible();
  }
  // The pilot goes first.
  await page.getByRole("button", { name: "Move up item 2" }).click();
  await expect(page.getByRole("heading", { level: 3 }).first()).toHaveText("1. Release 5.2 pilot");

  await page.getByText("Add someone").click();
  await page.getByLabel("Name", { exact: true }).fill("Communications lead");
  await page.getByLabel("Organisation").fill("the supplier");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("region", { name: "Attendance" })).toContainText("Communications lead");

  // What the outage item agreed: a decision, and an action for the supplier in its own words.
  const outage = page.getByRole("region", { name: /Outage on 2 June/ });
  await outage.getByText("Record a decision").click();
  await outage.getByLabel("What was decided").fill("Outages are reported to members within a day.");
  await outage.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByRole("region", { name: /Outage on 2 June/ })).toContainText(
    "Outages are reported to members within a day.",
  );
  const again = page.getByRole("region", { name: /Outage on 2 June/ });
  await again.getByText("Record an action").click();
  // Naming no one for "someone named below" is refused by its field, the text kept.
  await again.getByLabel("What is to be done").fill("Send the outage report to the committee");
  await again.getByLabel("Who is to do it").selectOption({ label: "Someone named below" });
  await again.getByRole("button", { name: "Record action" }).click();
  const retry = page.getByRole("region", { name: /Outage on 2 June/ });
  await expect(retry.getByText("Name who is to do it.")).toBeVisible();
  await expect(retry.getByLabel("What is to be done").first()).toHaveValue("Send the outage report to the committee");
  await retry.getByLabel("Who is to do it").first().selectOption({ label: "The supplier: Example Clinical Systems" });
  await retry.getByLabel("When it is due").first().fill("by the end of next month");
  if (javaScriptEnabled) {
    // The words are read as they are typed, on the meeting's day.
    await expect(retry.getByText("Due by 31 July 2026")).toBeVisible();
  }
  await retry.getByRole("button", { name: "Record action" }).click();
  await expect(page.getByRole("region", { name: /Outage on 2 June/ }).getByRole("link", {
    name: "Send the outage report to the committee",
    exact: true,
  })).toBeVisible();

  await page.getByRole("button", { name: "Publish minutes" }).click();
  await expect(page).toHaveURL(new RegExp(`${meetingPath}\\?changed=published$`));
  await expect(page.getByRole("status")).toHaveText("The minutes are published.");

  // A member reads them, with the reference linked and the contents leading to each item.
  const context = await browser.newContext({ javaScriptEnabled });
  const member = await context.newPage();
  await signIn(member, "member@example.org", PASSWORD);
  await expect(member.getByRole("banner")).toContainText("signed in as");
  await member.goto("/meetings");
  await member.getByRole("link", { name: title }).first().click();
  await expect(member.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(member.locator(".facts")).toContainText("15 June 2026, 10:00 to 12:00");
  await member.getByRole("navigation", { name: "Contents" }).getByRole("link", { name: "Outage on 2 June" }).click();
  await expect(member).toHaveURL(/#item-\d+$/);
  await expect(member.getByRole("link", { name: "#1", exact: true })).toHaveAttribute("href", "/issues/1");
  await expect(member.locator(".prose strong")).toHaveText("three");
  await expect(member.getByRole("link", { name: "Edit meeting and minutes" })).toHaveCount(0);
  await expect(member.locator(".agenda-item").filter({ hasText: "Outage on 2 June" })).toContainText(
    "Outages are reported to members within a day.",
  );
  await expect(member.locator(".agenda-item").filter({ hasText: "Outage on 2 June" })).toContainText(
    "due by the end of next month (31 July 2026)",
  );
  // The issue the minutes named says where it was discussed, and leads back to the item.
  await member.goto("/issues/1");
  const discussed = member.locator(".timeline__item--discussed").filter({ hasText: title });
  await expect(discussed).toContainText("Discussed at the watchdog meeting of 15 June 2026");
  await discussed.getByRole("link").click();
  await expect(member).toHaveURL(new RegExp(`${meetingPath}#item-\\d+$`));
  await member.getByRole("link", { name: "Send the outage report to the committee" }).click();
  await expect(member.getByRole("heading", { level: 1 })).toContainText("Send the outage report to the committee");
  await expect(member.locator(".facts")).toContainText("by the end of next month");
  await expect(member.getByRole("button", { name: "Mark done" })).toHaveCount(0);
  const actionPath = new URL(member.url()).pathname;

  // The print view is the minutes alone: no site navigation, on screen or on paper.
  await member.goto(meetingPath);
  await member.getByRole("link", { name: "Print view" }).click();
  await expect(member).toHaveURL(new RegExp(`${meetingPath}/print$`));
  await expect(member.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(member.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(member.locator(".agenda-item").first()).toBeVisible();
  await context.close();

  // The supplier's representative marks it done with a note; its history says so.
  const repContext = await browser.newContext({ javaScriptEnabled });
  const rep = await repContext.newPage();
  await signIn(rep, "supplier@example.org", PASSWORD);
  await expect(rep.getByRole("banner")).toContainText("signed in as");
  await rep.goto(actionPath);
  await rep.getByLabel("What was done").fill("Report sent to the committee on 3 July.");
  await rep.getByRole("button", { name: "Mark done" }).click();
  await expect(rep.getByRole("status")).toHaveText("The action is marked done.");
  await expect(rep.getByRole("heading", { level: 1 })).toContainText("Done");
  await expect(rep.getByRole("region", { name: "History" })).toContainText(
    "marked it done: “Report sent to the committee on 3 July.”",
  );
  await repContext.close();
});

/** Schedules a meeting with one item and goes to its editor; returns the meeting's path. */
async function meetingWithItem(page: import("@playwright/test").Page, title: string, heading: string, minutes: string) {
  await page.goto("/meetings/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Supplier", { exact: true }).selectOption({ label: "Example Clinical Systems" });
  await page.getByLabel("Date").fill("2026-07-20");
  await page.getByLabel("Start time").fill("14:00");
  await page.getByRole("button", { name: "Schedule meeting" }).click();
  await expect(page).toHaveURL(/\/meetings\/\d+\/edit/);
  const add = page.getByRole("region", { name: "Add an item" });
  await add.getByLabel("Heading").fill(heading);
  await add.getByLabel("Minutes").fill(minutes);
  await add.getByRole("button", { name: "Add item" }).click();
  await expect(page.getByRole("heading", { level: 3, name: new RegExp(heading) })).toBeVisible();
  return new URL(page.url()).pathname.replace(/\/edit$/, "");
}

test("a chair revises published minutes; readers see it was revised and the committee what changed", async ({
  page,
}, testInfo) => {
  const title = `Revised meeting (${testInfo.project.name})`;
  await signIn(page, "chair@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  const meetingPath = await meetingWithItem(page, title, "Data centre move", "Two of four moves are done.");
  await page.getByRole("button", { name: "Publish minutes" }).click();
  await expect(page.getByRole("status")).toHaveText("The minutes are published.");

  await page.goto(`${meetingPath}/edit`);
  const item = page.getByRole("region", { name: /Data centre move/ });
  await item.getByLabel("Minutes").fill("Two of four moves are done.\nThe third is on 12 August.");
  await item.getByRole("button", { name: "Save item" }).click();
  await expect(page.getByRole("status")).toHaveText("The item has been saved.");

  await page.goto(meetingPath);
  await expect(page.locator(".agenda-item")).toContainText("Revised on");
  await page.getByRole("link", { name: "Revisions" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Revisions of");
  await expect(page.getByRole("heading", { name: "Changes from revision 1 to revision 2" })).toBeVisible();
  await expect(page.locator(".diff__added")).toHaveText(/The third is on 12 August\./);
  await page.getByRole("link", { name: "Read revision 1" }).click();
  await expect(page.getByRole("region", { name: /As published/ })).toContainText("Two of four moves are done.");
  await expect(page.getByRole("region", { name: /As published/ })).not.toContainText("12 August");
});

test("a second chair's save of the same item is refused and keeps their text", async ({
  browser,
  page,
  javaScriptEnabled,
}, testInfo) => {
  const title = `Contested meeting (${testInfo.project.name})`;
  await signIn(page, "chair@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  const meetingPath = await meetingWithItem(page, title, "Release notes", "First notes.");

  // A second chair (the administrator) opens the same editor before the first saves.
  const context = await browser.newContext({ javaScriptEnabled });
  const other = await context.newPage();
  await signIn(other, "admin@example.org", PASSWORD);
  await expect(other.getByRole("banner")).toContainText("signed in as");
  await other.goto(`${meetingPath}/edit`);

  const mine = page.getByRole("region", { name: /Release notes/ });
  await mine.getByLabel("Minutes").fill("The chair's notes: release notes will list log numbers.");
  await mine.getByRole("button", { name: "Save item" }).click();
  await expect(page.getByRole("status")).toHaveText("The item has been saved.");

  const theirs = other.getByRole("region", { name: /Release notes/ });
  await theirs.getByLabel("Minutes").fill("The administrator's notes, typed at the same time.");
  await theirs.getByRole("button", { name: "Save item" }).click();
  const refused = other.getByRole("region", { name: /Release notes/ });
  await expect(refused.getByRole("alert")).toContainText("Someone else saved this item after you opened it");
  await expect(refused.getByRole("alert")).toContainText("The chair's notes");
  await expect(refused.getByLabel("Minutes")).toHaveValue("The administrator's notes, typed at the same time.");
  await context.close();
});

test("what a chair types is kept as their working copy, offered back, discarded or saved", async ({
  browser,
  page,
  javaScriptEnabled,
}, testInfo) => {
  test.skip(!javaScriptEnabled, "autosave is an island; without JavaScript saving is explicit");
  const title = `Autosaved meeting (${testInfo.project.name})`;
  await signIn(page, "chair@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  const meetingPath = await meetingWithItem(page, title, "Pilot at two sites", "The pilot began in May.");

  const item = page.getByRole("region", { name: /Pilot at two sites/ });
  await item.getByLabel("Minutes").fill("The pilot began in May; the supplier will report in");
  await expect(item.locator(".autosave")).toContainText("Working copy kept at", { timeout: 15_000 });

  // A closed tab loses nothing: the editor offers the working copy back to this chair only.
  await page.goto(`${meetingPath}/edit`);
  const restored = page.getByRole("region", { name: /Pilot at two sites/ });
  await expect(restored.getByLabel("Minutes")).toHaveValue("The pilot began in May; the supplier will report in");
  await expect(restored.getByRole("status")).toContainText("The form holds your working copy");
  const context = await browser.newContext({ javaScriptEnabled });
  const other = await context.newPage();
  await signIn(other, "admin@example.org", PASSWORD);
  await expect(other.getByRole("banner")).toContainText("signed in as");
  await other.goto(`${meetingPath}/edit`);
  await expect(other.getByRole("region", { name: /Pilot at two sites/ }).getByLabel("Minutes")).toHaveValue(
    "The pilot began in May.",
  );
  await other.goto(meetingPath);
  await expect(other.getByRole("main")).not.toContainText("the supplier will report in");
  await context.close();

  // Discarding goes back to the saved text.
  await restored.getByRole("button", { name: "Discard my working copy" }).click();
  await expect(page.getByRole("status")).toHaveText(/Your working copy has been discarded/);
  const item2 = page.getByRole("region", { name: /Pilot at two sites/ });
  await expect(item2.getByLabel("Minutes")).toHaveValue("The pilot began in May.");

  // Saving makes the typed text the item's, and leaves no working copy behind.
  await item2.getByLabel("Minutes").fill("The pilot began in May; the supplier reports in July.");
  await expect(item2.locator(".autosave")).toContainText("Working copy kept at", { timeout: 15_000 });
  await item2.getByRole("button", { name: "Save item" }).click();
  await expect(page.getByRole("status")).toHaveText("The item has been saved.");
  await page.goto(`${meetingPath}/edit`);
  const saved = page.getByRole("region", { name: /Pilot at two sites/ });
  await expect(saved.getByLabel("Minutes")).toHaveValue("The pilot began in May; the supplier reports in July.");
  await expect(saved.getByText("The form holds your working copy")).toHaveCount(0);
});

test("a chair attaches a PDF to an item; a member opens it from the published minutes", async ({
  browser,
  page,
  javaScriptEnabled,
}, testInfo) => {
  const title = `Meeting with papers (${testInfo.project.name})`;
  await signIn(page, "chair@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  const meetingPath = await meetingWithItem(page, title, "Infrastructure change", "The data centre moves in May.");

  const files = page.getByRole("region", { name: "Files" });
  // A kind Watchdog does not take is refused, saying which it does.
  await files.getByLabel("File").setInputFiles({ name: "setup.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") });
  await files.getByRole("button", { name: "Attach file" }).click();
  await expect(page.getByRole("region", { name: "Files" }).getByRole("alert")).toContainText(
    "That kind of file cannot be attached",
  );

  const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
  const again = page.getByRole("region", { name: "Files" });
  await again.getByLabel("Attach to").selectOption({ label: "1. Infrastructure change" });
  await again.getByLabel("File").setInputFiles({ name: "Move plan.pdf", mimeType: "application/pdf", buffer: pdf });
  await again.getByRole("button", { name: "Attach file" }).click();
  await expect(page.getByRole("status")).toHaveText("The file has been attached.");
  await expect(page.getByRole("region", { name: "Files" }).getByRole("link", { name: "Move plan.pdf" })).toBeVisible();
  await page.getByRole("button", { name: "Publish minutes" }).click();
  await expect(page.getByRole("status")).toHaveText("The minutes are published.");

  const context = await browser.newContext({ javaScriptEnabled });
  const member = await context.newPage();
  await signIn(member, "member@example.org", PASSWORD);
  await expect(member.getByRole("banner")).toContainText("signed in as");
  await member.goto(meetingPath);
  const item = member.getByRole("region", { name: /Infrastructure change/ });
  const link = item.getByRole("link", { name: "Move plan.pdf" });
  await expect(link).toBeVisible();
  const href = await link.getAttribute("href");
  const file = await member.request.get(href!);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("application/pdf");
  expect(file.headers()["content-disposition"]).toContain('inline; filename="Move plan.pdf"');
  expect(await file.body()).toEqual(pdf);
  await context.close();
});

test("a chair finds an issue from an agenda item and links it as discussed", async ({ page }, testInfo) => {
  const title = `Meeting with linked issues (${testInfo.project.name})`;
  await signIn(page, "chair@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  await meetingWithItem(page, title, "Issues raised by members", "Two issues were raised.");

  const item = page.getByRole("region", { name: /Issues raised by members/ });
  await item.getByLabel("Find an issue to link").fill("#1");
  await item.getByRole("button", { name: "Find" }).click();
  const found = page.getByRole("region", { name: /Issues raised by members/ }).getByRole("list", { name: "Issues found" });
  await expect(found.getByRole("link")).toHaveCount(1);
  await found.getByRole("button", { name: "Link #1" }).click();
  await expect(page.getByRole("status")).toHaveText("The issue is linked to the item.");
  const linked = page.getByRole("region", { name: /Issues raised by members/ });
  await expect(linked.getByRole("button", { name: "Unlink #1" })).toBeVisible();
  await linked.getByRole("button", { name: "Unlink #1" }).click();
  await expect(page.getByRole("status")).toHaveText("The issue is no longer linked to the item.");
});

test("a pasted minutes document becomes agenda items after the chair adjusts the split", async ({
  page,
}, testInfo) => {
  const title = `Imported meeting (${testInfo.project.name})`;
  await signIn(page, "chair@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  const meetingPath = await meetingWithItem(page, title, "Welcome", "The chair welcomed everyone.");
  await page.getByRole("link", { name: "Bring in minutes from a document" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bring in minutes");
  await page.getByLabel("The minutes document").fill(
    [
      "Minutes of the watchdog meeting held on 20 July 2026",
      "",
      "1. Outage on 2 June",
      "The system was down for four hours; see #1.",
      "",
      "2. Release 5.2 pilot",
      "• Piloting at three practices",
      "• Roll-out expected by the middle of next month",
      "",
      "Any other business",
      "None.",
    ].join("\n"),
  );
  await page.getByRole("button", { name: "Propose agenda items" }).click();
  await expect(page.getByRole("heading", { name: "3 proposed agenda items" })).toBeVisible();
  await expect(page.locator(".proposal h3")).toHaveText(["Outage on 2 June", "Release 5.2 pilot", "Any other business"]);

  // The chair drops the last item, sees the split again, and adds the rest.
  const text = page.getByLabel("The items, in Markdown");
  const markdown = await text.inputValue();
  await text.fill(markdown.replace(/\n*## Any other business\n+None\.\n?/, "\n"));
  await page.getByRole("button", { name: "Show the split again" }).click();
  await expect(page.getByRole("heading", { name: "2 proposed agenda items" })).toBeVisible();
  await page.getByRole("button", { name: "Add these 2 items to the agenda" }).click();
  await expect(page).toHaveURL(new RegExp(`${meetingPath}/edit`));
  await expect(page.getByRole("status")).toContainText("items have been added to the agenda");
  await expect(page.getByRole("heading", { level: 3, name: /^\d\. / })).toHaveText([
    "1. Welcome",
    "2. Outage on 2 June",
    "3. Release 5.2 pilot",
  ]);
});

test("a member makes their own feed addresses, and their calendar answers", async ({ page, request }) => {
  await signIn(page, "member@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  await page.goto("/account");
  await page.getByRole("button", { name: /feed addresses/ }).click();
  await expect(page.getByRole("status")).toContainText("Your feed addresses are ready");
  const calendar = (await page.locator(".feed-links code").nth(1).textContent()) ?? "";
  expect(calendar).toContain("/feeds/meetings.ics?key=");
  const answer = await request.get(new URL(calendar).pathname + new URL(calendar).search);
  expect(answer.status()).toBe(200);
  expect(await answer.text()).toContain("BEGIN:VCALENDAR");
});
