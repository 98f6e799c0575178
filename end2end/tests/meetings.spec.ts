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
  await context.close();
});
