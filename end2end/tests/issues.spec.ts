import { expect, Page, test, TestInfo } from "@playwright/test";
import * as fs from "node:fs";
import { PASSWORD, signIn } from "./people";

// Each journey runs in both projects against one server, so what it files is named after
// the project (and log numbers differ, as they are unique per supplier).

/** A name part unique to the project and the attempt, so a retry files fresh records. */
function tagOf(javaScriptEnabled: boolean, testInfo: TestInfo): string {
  const project = javaScriptEnabled ? "JS" : "NOJS";
  return testInfo.retry ? `${project}-R${testInfo.retry}` : project;
}

test("a member reports an issue with a log number; the supplier plans a fix; it affects others too", async ({
  browser,
  page,
  javaScriptEnabled,
}, testInfo) => {
  const project = testInfo.project.name;
  const logNumber = `E2E-${tagOf(javaScriptEnabled, testInfo)}-0001`;
  const title = `Blank screen on opening a record (${project})`;

  await signIn(page, "member@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  await page.getByRole("banner").getByRole("link", { name: "Issues" }).click();
  await page.getByRole("link", { name: "Report an issue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Report an issue");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Supplier", { exact: true }).selectOption({ label: "Example Clinical Systems" });
  await page.getByLabel("Supplier's log number").fill(logNumber.toLowerCase());
  await page.getByLabel("Description").fill("Opening a record shows a **blank** screen.");
  await page.getByRole("button", { name: "Report issue" }).click();

  await expect(page).toHaveURL(/\/issues\/\d+$/);
  const issuePath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  await expect(page.locator(".facts")).toContainText(logNumber);
  await expect(page.locator(".prose strong")).toHaveText("blank");
  await expect(page.getByRole("list").filter({ hasText: "reported this issue" })).toBeVisible();

  // A bare log number in the search box goes straight to its issue.
  await page.goto(`/issues?q=${logNumber}`);
  await expect(page).toHaveURL(new RegExp(`${issuePath}$`));

  // The supplier's representative responds and plans a fix.
  const context = await browser.newContext({ javaScriptEnabled });
  const rep = await context.newPage();
  await signIn(rep, "supplier@example.org", PASSWORD);
  await expect(rep.getByRole("banner")).toContainText("signed in as");
  await rep.goto(issuePath);
  await rep.getByRole("textbox", { name: "Response" }).fill("We can reproduce this and are working on it.");
  await rep.getByRole("button", { name: "Post official response" }).click();
  await expect(rep.locator(".timeline__item--official")).toContainText("working on it");
  await rep.getByLabel("New status").selectOption("fix_planned");
  await rep.getByLabel("Target (for “Fix planned”)").fill("9.21.0, Q3 2027");
  await rep.getByRole("button", { name: "Change status" }).click();
  await expect(rep.locator(".facts")).toContainText("target: 9.21.0, Q3 2027");
  await context.close();

  // The member sees the timeline.
  await page.goto(issuePath);
  const timeline = page.locator(".timeline");
  await expect(timeline).toContainText("posted an official response");
  await expect(timeline).toContainText("changed the status from New to Fix planned");

  // It affects the member's practice too: counted once, and it can be withdrawn.
  const facts = page.locator(".facts");
  await page.getByRole("button", { name: "This affects us too" }).click();
  await expect(facts).toContainText("1 practice");
  await expect(page.getByText("You follow this issue.")).toBeVisible();
  await page.getByRole("button", { name: "Withdraw “affects us too”" }).click();
  await expect(facts).toContainText("No practice has said so yet");
  await page.getByRole("button", { name: "This affects us too" }).click();
  await expect(facts).toContainText("1 practice");
});

/** Reports an issue through the form and returns its path. */
async function report(page: Page, title: string, logNumber: string): Promise<string> {
  await page.goto("/issues/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Supplier", { exact: true }).selectOption({ label: "Example Clinical Systems" });
  await page.getByLabel("Supplier's log number").fill(logNumber);
  await page.getByLabel("Description").fill("The letter prints twice.");
  await page.getByRole("button", { name: "Report issue" }).click();
  await expect(page).toHaveURL(/\/issues\/\d+$/);
  return new URL(page.url()).pathname;
}

test("a chair merges a duplicate; its readers are sent on to the survivor", async ({
  page,
  javaScriptEnabled,
}, testInfo) => {
  const tag = tagOf(javaScriptEnabled, testInfo);
  await signIn(page, "chair@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  const survivor = await report(page, `Letters print twice (${tag})`, `E2E-${tag}-MERGE-1`);
  const duplicate = await report(page, `Double letters (${tag})`, `E2E-${tag}-MERGE-2`);
  const survivorNumber = survivor.split("/").pop();

  await page.getByLabel("Duplicate of issue").fill("#" + duplicate.split("/").pop());
  await page.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(page.locator(".field__error")).toContainText("cannot be merged into itself");

  await page.getByLabel("Duplicate of issue").fill(`#${survivorNumber}`);
  await page.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${survivor}$`));
  await expect(page.locator(".facts")).toContainText(`E2E-${tag}-MERGE-2`);
  await expect(page.locator(".timeline")).toContainText(`into this issue, with log numbers E2E-${tag}-MERGE-2`);

  // The duplicate's link leads to the survivor, which says where the reader came from.
  await page.goto(duplicate);
  await expect(page).toHaveURL(new RegExp(`${survivor}\\?from=`));
  await expect(page.getByRole("status")).toContainText("was merged into this issue");
  await page.getByRole("link", { name: /as it was/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Double letters (${tag})`);
  await expect(page.locator(".timeline")).toContainText("merged this issue into");
});

test("a log number already on an issue is refused by its field, naming that issue", async ({
  page,
  javaScriptEnabled,
}, testInfo) => {
  const logNumber = `E2E-${tagOf(javaScriptEnabled, testInfo)}-CLASH`;
  await signIn(page, "member@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  for (const attempt of [1, 2]) {
    await page.goto("/issues/new");
    await page.getByLabel("Title").fill(`Clash attempt ${attempt}`);
    await page.getByLabel("Supplier", { exact: true }).selectOption({ label: "Example Clinical Systems" });
    await page.getByLabel("Supplier's log number").fill(logNumber);
    await page.getByLabel("Description").fill("Same problem.");
    await page.getByRole("button", { name: "Report issue" }).click();
    if (attempt === 1) await expect(page).toHaveURL(/\/issues\/\d+$/);
  }
  const field = page.getByLabel("Supplier's log number");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(".field__error")).toContainText(`${logNumber} is already on issue #`);
  await expect(page.getByLabel("Title")).toHaveValue("Clash attempt 2");
});

test("the list's filters live in the URL and survive a reload", async ({ page }) => {
  await signIn(page, "member@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  await page.goto("/issues");
  await page.getByLabel("Text or log number").fill("blank screen");
  await page.getByLabel("Status").selectOption("all");
  await page.getByLabel("Patient safety").check();
  await page.getByRole("button", { name: "Show issues" }).click();
  await expect(page).toHaveURL(/status=all/);
  await expect(page).toHaveURL(/q=blank/);
  await expect(page).toHaveURL(/safety=1/);
  await page.reload();
  await expect(page.getByLabel("Text or log number")).toHaveValue("blank screen");
  await expect(page.getByLabel("Status")).toHaveValue("all");
  await expect(page.getByLabel("Patient safety")).toBeChecked();
});

test("the current view downloads as CSV", async ({ page }) => {
  await signIn(page, "member@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  await page.goto("/issues?status=all&sort=created");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download these as CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^issues-\d{4}-\d{2}-\d{2}\.csv$/);
  const body = fs.readFileSync(await download.path(), "utf-8");
  expect(body.startsWith("\ufeffNumber,Title,Status,")).toBe(true);
  await expect(page).toHaveURL(/\/issues\?status=all/);
});

test("a member edits their comment, then removes it; the reporter edits the details", async ({
  page,
  javaScriptEnabled,
}, testInfo) => {
  const tag = tagOf(javaScriptEnabled, testInfo);
  await signIn(page, "member@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  const path = await report(page, `Search is slow (${tag})`, `E2E-${tag}-EDIT-1`);

  await page.getByRole("textbox", { name: "Comment" }).fill("It takes a *minute*.");
  await page.getByRole("button", { name: "Post comment" }).click();
  const comment = page.locator(".timeline__item--comment");
  await expect(comment).toContainText("It takes a minute.");

  await comment.getByRole("link", { name: "Edit" }).click();
  const text = page.getByRole("textbox", { name: "Your text" });
  await expect(text).toHaveValue("It takes a *minute*.");
  await text.fill("It takes two minutes.");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(comment).toContainText("It takes two minutes.");
  await expect(comment).toContainText("edited");

  await comment.getByRole("link", { name: "Remove" }).click();
  await page.getByRole("button", { name: "Remove comment" }).click();
  await expect(comment).toContainText("This comment was removed.");
  await expect(comment).not.toContainText("two minutes");

  await page.goto(path);
  await page.getByRole("link", { name: "Edit details" }).click();
  await page.getByLabel("Title").fill(`Patient search is slow (${tag})`);
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Patient search is slow (${tag})`);
  await expect(page.locator(".timeline")).toContainText("changed the title");
});

test("a chair moves a log number to the issue it belongs to; both timelines say so", async ({
  page,
  javaScriptEnabled,
}, testInfo) => {
  const tag = tagOf(javaScriptEnabled, testInfo);
  const number = `E2E-${tag}-MOVE-1`;
  await signIn(page, "chair@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("signed in as");
  const wrong = await report(page, `Letters print blank (${tag})`, number);
  const right = await report(page, `Letters print blank on Mondays (${tag})`, "");
  const rightNumber = right.split("/").pop();

  await page.goto(wrong);
  const manage = page.getByRole("region", { name: "Remove or move a log number" });
  await manage.getByLabel("Log number", { exact: true }).selectOption(number);
  await manage.getByLabel("Move it to issue").fill(`#${rightNumber}`);
  await manage.getByRole("button", { name: "Remove or move" }).click();
  await expect(page.locator(".facts")).toContainText("None yet");
  await expect(page.locator(".timeline")).toContainText(`moved log number ${number} to #${rightNumber}`);

  await page.goto(right);
  await expect(page.locator(".facts")).toContainText(number);
  await expect(page.locator(".timeline")).toContainText(`moved log number ${number} here from`);
});
