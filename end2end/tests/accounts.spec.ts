import { expect, test } from "@playwright/test";
import { PASSWORD, signIn } from "./people";

test("a chair signs in, sees their name, and signs out", async ({ page }) => {
  await signIn(page, "chair@example.org", PASSWORD);

  await expect(page).toHaveURL(/\/$/);
  const header = page.getByRole("banner");
  await expect(header).toContainText("Demo Chair");
  await expect(header).toContainText("Chair");

  await header.getByRole("button", { name: "Sign out" }).click();

  await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(header).not.toContainText("Demo Chair");
});

test("a wrong password is refused beside the form, keeping the email", async ({ page }) => {
  await signIn(page, "member@example.org", "not the right password");

  await expect(page.getByRole("alert")).toContainText(
    "That email address and password do not match an active account.",
  );
  await expect(page.getByLabel("Email address")).toHaveValue("member@example.org");
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("the session survives a reload and a new page", async ({ page }) => {
  await signIn(page, "member@example.org", PASSWORD);
  await expect(page.getByRole("banner")).toContainText("Demo Member");

  await page.goto("/no/such/page");

  await expect(page.getByRole("banner")).toContainText("Demo Member");
});

test("after repeated failures the person is told how long to wait", async ({ page }, testInfo) => {
  // Six sign-ins, each a full page round trip without JavaScript.
  test.setTimeout(90_000);
  // An address of its own per project, repetition and retry, so no run inherits a count.
  const run = `${testInfo.project.name}-${testInfo.repeatEachIndex}-${testInfo.retry}`;
  const email = `throttled-${run}@example.org`;
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn(page, email, `wrong password number ${attempt}`);
    await expect(page.getByRole("alert")).toContainText("do not match an active account");
  }

  await signIn(page, email, "another wrong password");

  await expect(page.getByRole("alert")).toContainText(
    /Too many failed attempts to sign in with this email address\. Try again in \d+ minutes?\./,
  );
});
