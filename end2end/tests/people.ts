// Helpers for the journeys that sign people in: the demo loader's password (see README.md)
// and the sign-in form.
import { Page } from "@playwright/test";

export const PASSWORD = "watchdog demo password";

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
