import { expect, test } from "@playwright/test";

test("with JavaScript on, the app hydrates without errors", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "hydration needs JavaScript");
  // The debug build's wasm is tens of megabytes; on a busy two-core machine it takes a while.
  test.setTimeout(90_000);
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));

  await page.goto("/");

  // Hydration marks the body once the client has taken over the server-rendered page.
  await expect(page.locator("body[data-hydrated]")).toHaveCount(1, { timeout: 75_000 });
  const wasmLoaded = await page.evaluate(() =>
    performance.getEntriesByType("resource").some((entry) => entry.name.endsWith("/pkg/watchdog.wasm")),
  );
  expect(wasmLoaded).toBe(true);
  expect(problems).toEqual([]);
});

test("with JavaScript off, the page is complete as served", async ({ page, javaScriptEnabled }) => {
  test.skip(javaScriptEnabled, "this checks the no-JavaScript experience");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Watchdog");
  await expect(page.getByText("What Watchdog keeps")).toBeVisible();
  await expect(page.locator("body[data-hydrated]")).toHaveCount(0);
});
