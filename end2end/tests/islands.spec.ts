import { expect, test } from "@playwright/test";
import { PASSWORD, signIn } from "./people";

// Pages are the server's HTML; only islands run in the browser. Each island has a test here
// that it comes alive and works with JavaScript on, and that the page works without it.

test("with JavaScript on, the Markdown editor's island comes alive and previews", async ({
  page,
  javaScriptEnabled,
}) => {
  test.skip(!javaScriptEnabled, "islands need JavaScript");
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));

  await signIn(page, "member@example.org", PASSWORD);
  await page.goto("/issues/new");
  const editor = page.locator(".markdown-field");
  await expect(editor).toHaveAttribute("data-live", "", { timeout: 30_000 });

  const text = page.getByLabel("Description");
  await text.fill("Seen on **every** record; see #1.");
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.locator("strong")).toHaveText("every");
  await expect(preview.getByRole("link", { name: "#1" })).toHaveAttribute("href", "/issues/1");
  // The text box stays in view, and the preview follows what is typed when asked.
  await expect(text).toBeVisible();
  await text.fill("Now *different*.");
  await page.getByRole("button", { name: "Update preview" }).click();
  await expect(preview.locator("em")).toHaveText("different");

  await page.getByRole("button", { name: "Hide preview" }).click();
  await expect(preview).toHaveCount(0);
  await expect(text).toHaveValue("Now *different*.");

  // The browser loaded the bundle by its hashed name, and nothing complained.
  const bundles = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.startsWith("/pkg/") && path.endsWith(".wasm")),
  );
  expect(bundles).toHaveLength(1);
  expect(bundles[0]).toMatch(/^\/pkg\/watchdog\.[A-Za-z0-9_-]{8,}\.wasm$/);
  expect(problems).toEqual([]);
});

test("a preview the server refuses says why, and keeps the text", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "islands need JavaScript");
  await signIn(page, "member@example.org", PASSWORD);
  await page.goto("/issues/new");
  await expect(page.locator(".markdown-field")).toHaveAttribute("data-live", "", { timeout: 30_000 });
  const long = "a".repeat(210 * 1024);
  const text = page.getByLabel("Description");
  await text.fill(long);
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.getByRole("region", { name: "Preview" })).toContainText("the most a text may hold is 200 KB");
  expect((await text.inputValue()).length).toBe(long.length);
});

test("with JavaScript off, the editor is a plain text box and the page is complete", async ({
  page,
  javaScriptEnabled,
}) => {
  test.skip(javaScriptEnabled, "this checks the no-JavaScript experience");
  await signIn(page, "member@example.org", PASSWORD);
  await page.goto("/issues/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Report an issue");
  await expect(page.getByLabel("Description")).toBeVisible();
  // Nothing is offered that could not work.
  await expect(page.getByRole("button", { name: "Preview" })).toBeHidden();
  await expect(page.locator(".markdown-field[data-live]")).toHaveCount(0);
});

test("a page without an island is complete as served, whatever the browser", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Watchdog");
  await expect(page.getByText("What Watchdog keeps")).toBeVisible();
});
