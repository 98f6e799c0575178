import { expect, test } from "@playwright/test";
import { pages, signedInPages } from "./pages";
import { PASSWORD, signIn } from "./people";

for (const page of pages) {
  test(`${page.path} renders inside the shell`, async ({ page: browser }) => {
    const response = await browser.goto(page.path);

    expect(response?.status()).toBe(page.status);
    await expect(browser.getByRole("heading", { level: 1 })).toHaveText(page.heading);
    await expect(browser.getByRole("banner")).toContainText("Watchdog");
    await expect(browser.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(browser.getByRole("main")).toBeVisible();
    await expect(browser.getByRole("contentinfo")).toContainText("Watchdog");
    await expect(browser).toHaveTitle(/Watchdog/);
  });
}

test("the skip link moves keyboard focus to the main content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

test("the 404 page leads back home", async ({ page }) => {
  await page.goto("/no/such/page");
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Watchdog");
});

test("on a phone the page fits the screen without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

// Every page a signed-in person sees, on a phone: lists become cards, forms stack, nothing
// runs off the side. Signed in once per account, in the JavaScript project only (the layout
// is the same without it).
for (const email of [...new Set(signedInPages.map((page) => page.as))]) {
  test(`on a phone every page ${email} sees fits the screen`, async ({ page, javaScriptEnabled }) => {
    test.skip(!javaScriptEnabled, "the layout does not depend on JavaScript");
    await signIn(page, email, PASSWORD);
    await page.setViewportSize({ width: 360, height: 740 });
    for (const { path } of signedInPages.filter((page) => page.as === email)) {
      await page.goto(path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
}

test("printing leaves out the header, navigation and footer", async ({ page }) => {
  await page.emulateMedia({ media: "print" });
  await page.goto("/");
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("contentinfo")).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
