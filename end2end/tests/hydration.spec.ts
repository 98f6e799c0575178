import { expect, test } from "@playwright/test";

test("with JavaScript on, the app hydrates without errors", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "hydration needs JavaScript");
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  const wasm = page.waitForResponse((response) => response.url().endsWith("/pkg/watchdog.wasm"));

  await page.goto("/");

  expect((await wasm).status()).toBe(200);
  // Hydration marks the body once the client has taken over the server-rendered page.
  await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
  expect(problems).toEqual([]);
});

test("with JavaScript off, the page is complete as served", async ({ page, javaScriptEnabled }) => {
  test.skip(javaScriptEnabled, "this checks the no-JavaScript experience");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Watchdog");
  await expect(page.getByText("What Watchdog keeps")).toBeVisible();
  await expect(page.locator("body[data-hydrated]")).toHaveCount(0);
});
