import { Browser, expect, Page, test } from "@playwright/test";
import { PASSWORD, signIn } from "./people";

// Each journey runs in both projects against one server, so every address it creates is
// named after the project.

/** An administrator invites `email` as a member; returns the link's path. */
async function invite(page: Page, email: string): Promise<string> {
  await signIn(page, "admin@example.org", PASSWORD);
  await page.getByRole("banner").getByRole("link", { name: "Administration" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("People");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Role").first().selectOption("member");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const notice = page.getByRole("status").filter({ hasText: "Invitation link for" });
  await expect(notice).toContainText(email);
  const link = await page.getByLabel("Link").inputValue();
  return new URL(link).pathname;
}

async function signOut(page: Page) {
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
}

/** Opens an invitation in a browser of its own and accepts it. */
async function accept(browser: Browser, javaScriptEnabled: boolean, path: string, name: string, password: string) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Join Watchdog");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Password again").fill(password);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(/\/sign-in\?joined=1$/);
  await expect(page.getByRole("status")).toContainText("Your account is ready");
  return page;
}

test("invite, accept, sign in, change the password, sign out", async ({
  page,
  browser,
  javaScriptEnabled,
}, testInfo) => {
  test.setTimeout(120_000);
  const email = `invited-${testInfo.project.name}@example.org`;
  const path = await invite(page, email);
  await signOut(page);

  const newcomer = await accept(browser, javaScriptEnabled, path, "Invited Person", "first chosen password");
  // The link works once.
  await newcomer.goto(path);
  await expect(newcomer.getByRole("heading", { level: 1 })).toHaveText("This link no longer works");

  await signIn(newcomer, email, "first chosen password");
  const header = newcomer.getByRole("banner");
  await expect(header).toContainText("Invited Person");
  await header.getByRole("link", { name: /Invited Person/ }).click();
  await expect(newcomer.getByRole("heading", { level: 1 })).toHaveText("Your account");

  await newcomer.getByLabel("Current password").fill("first chosen password");
  await newcomer.getByLabel("New password", { exact: true }).fill("second chosen password");
  await newcomer.getByLabel("New password again").fill("second chosen password");
  await newcomer.getByRole("button", { name: "Change password" }).click();
  await expect(newcomer.getByRole("status")).toContainText("Your password has been changed");
  await signOut(newcomer);

  await signIn(newcomer, email, "first chosen password");
  await expect(newcomer.getByRole("alert")).toContainText("do not match an active account");
  await signIn(newcomer, email, "second chosen password");
  await expect(newcomer.getByRole("banner")).toContainText("Invited Person");
  await signOut(newcomer);
});

test("a wrong current password is refused beside its field", async ({ page }) => {
  await signIn(page, "chair@example.org", PASSWORD);
  await page.getByRole("banner").getByRole("link", { name: /Demo Chair/ }).click();

  await page.getByLabel("Current password").fill("not the chair's password");
  await page.getByLabel("New password", { exact: true }).fill("some new password here");
  await page.getByLabel("New password again").fill("some new password here");
  await page.getByRole("button", { name: "Change password" }).click();

  await expect(page.locator("#field-current_password-error")).toHaveText(
    "That is not your current password.",
  );
  await expect(page.getByLabel("Current password")).toHaveValue("");
});

test("a disabled person is thrown out at their next request", async ({
  page,
  browser,
  javaScriptEnabled,
}, testInfo) => {
  test.setTimeout(120_000);
  const email = `disabled-${testInfo.project.name}@example.org`;
  const path = await invite(page, email);
  const person = await accept(browser, javaScriptEnabled, path, `To Disable ${testInfo.project.name}`, "a password to lose");
  await signIn(person, email, "a password to lose");
  await expect(person.getByRole("banner")).toContainText("To Disable");

  await page.goto("/admin/users");
  await page
    .getByRole("button", { name: `Disable To Disable ${testInfo.project.name}` })
    .click();
  await expect(page.getByRole("row", { name: new RegExp(`To Disable ${testInfo.project.name}`) })).toContainText(
    "Disabled",
  );

  await person.goto("/account");
  await expect(person.getByRole("heading", { level: 1 })).toHaveText("Please sign in");
  await expect(person.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await signIn(person, email, "a password to lose");
  await expect(person.getByRole("alert")).toContainText("do not match an active account");
});

test("members cannot open the administration pages", async ({ page }) => {
  await signIn(page, "member@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("Demo Member");

  const response = await page.goto("/admin/users");

  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not available to your account");
});

test("an administrator revokes an invitation and its link stops working", async ({
  page,
  browser,
  javaScriptEnabled,
}, testInfo) => {
  const email = `revoked-${testInfo.project.name}@example.org`;
  const path = await invite(page, email);
  await page.goto("/admin/users");
  const row = page.getByRole("row").filter({ hasText: email });
  await row.getByRole("button", { name: /^Revoke/ }).click();
  await expect(page.getByRole("row").filter({ hasText: email })).toHaveCount(0);

  const context = await browser.newContext({ javaScriptEnabled });
  const other = await context.newPage();
  await other.goto(path);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("This link no longer works");
  await context.close();
});
