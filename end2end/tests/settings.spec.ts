import { expect, Page, test } from "@playwright/test";
import { PASSWORD, signIn } from "./people";

// The instance is shared by every test, so this journey changes only the introduction and
// how often chases repeat, and puts both back. It runs once, in the JavaScript project, and saves once with JavaScript off
// and once with it on, one after the other (two saves at once would rightly refuse one).

async function openSettings(page: Page) {
  await signIn(page, "admin@example.org", PASSWORD);
  await page.goto("/admin/users");
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings");
}

async function saveIntroduction(page: Page, text: string) {
  await page.getByLabel("Introduction").fill(text);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toHaveText("The settings have been saved.");
  await expect(page.getByLabel("Introduction")).toHaveValue(text);
}

test("an administrator changes the introduction, and the change is recorded", async ({
  browser,
  javaScriptEnabled,
}) => {
  test.skip(!javaScriptEnabled, "runs once, with JavaScript off and then on");
  const withoutJs = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await openSettings(withoutJs);
  const original = await withoutJs.getByLabel("Introduction").inputValue();
  await expect(withoutJs.getByLabel("Time zone")).toHaveValue("Europe/London");
  await expect(withoutJs.getByLabel("Quarters")).toHaveValue("calendar");

  // A refused value is kept and explained by its field.
  await withoutJs.getByLabel("Name").fill(" ");
  await withoutJs.getByRole("button", { name: "Save settings" }).click();
  await expect(withoutJs.getByText("Enter the name the instance goes by.")).toBeVisible();
  await withoutJs.getByLabel("Name").fill("Watchdog");

  const changed = "The user group's record of what the supplier was told and promised.";
  await saveIntroduction(withoutJs, changed);
  const history = withoutJs.getByRole("region", { name: "Changes" });
  await expect(history.getByRole("row").nth(1)).toContainText("Introduction");
  await expect(history.getByRole("row").nth(1)).toContainText(changed);
  await withoutJs.goto("/");
  await expect(withoutJs.getByText(changed)).toBeVisible();

  const withJs = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
  await openSettings(withJs);
  await saveIntroduction(withJs, original);
  await expect(withJs.getByRole("region", { name: "Changes" }).getByRole("row").nth(1)).toContainText(
    "Administrator",
  );

  // The chase policy lives in the same store: a chair changes how often chases repeat, and
  // puts it back, after the administrator's saves (one at a time).
  const chair = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(chair, "chair@example.org", PASSWORD);
  await chair.goto("/commitments");
  await chair.getByRole("link", { name: "Chase policy" }).click();
  await expect(chair.getByRole("heading", { level: 1 })).toHaveText("Chase policy");
  await expect(chair.getByLabel("Days between chases")).toHaveValue("14");
  await chair.getByLabel("Days between chases").fill("0");
  await chair.getByRole("button", { name: "Save the chase policy" }).click();
  await expect(chair.getByText("Give a number of days from 1 to 365.")).toBeVisible();
  await chair.getByLabel("Days between chases").fill("21");
  await chair.getByRole("button", { name: "Save the chase policy" }).click();
  await expect(chair.getByRole("status")).toHaveText("The chase policy has been saved.");
  const policyHistory = chair.getByRole("region", { name: "Changes" }).getByRole("row").nth(1);
  await expect(policyHistory).toContainText("Days between chases");
  await expect(policyHistory).toContainText("21");

  const chairWithJs = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
  await signIn(chairWithJs, "chair@example.org", PASSWORD);
  await chairWithJs.goto("/chases/policy");
  await chairWithJs.getByLabel("Days between chases").fill("14");
  await chairWithJs.getByRole("button", { name: "Save the chase policy" }).click();
  await expect(chairWithJs.getByRole("status")).toHaveText("The chase policy has been saved.");
  await expect(chairWithJs.getByLabel("Days between chases")).toHaveValue("14");
});
