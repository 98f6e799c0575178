import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { pages, signedInPages } from "./pages";
import { PASSWORD, signIn } from "./people";

// axe-core runs as injected JavaScript, so this runs in the JavaScript-enabled project only;
// the server-rendered markup it checks is the same markup the no-JavaScript project gets.
const visits = [
  ...pages.map((page) => ({ ...page, as: undefined as string | undefined })),
  ...signedInPages,
];

for (const page of visits) {
  const who = page.as ? ` signed in as ${page.as}` : "";
  test(`${page.path}${who} has no serious or critical accessibility violations`, async ({
    page: browser,
    javaScriptEnabled,
  }) => {
    test.skip(!javaScriptEnabled, "axe-core needs JavaScript");
    if (page.as) {
      await signIn(browser, page.as, PASSWORD);
      await expect(browser.getByRole("banner")).toContainText("signed in as");
    }
    await browser.goto(page.path);
    await expect(browser.getByRole("heading", { level: 1 })).toHaveText(page.heading);

    const results = await new AxeBuilder({ page: browser })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
      .analyze();

    const blocking = results.violations.filter(
      (violation) => violation.impact === "serious" || violation.impact === "critical",
    );
    const summary = blocking.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .map((node) => node.target.join(" "))
          .join(", ")}`,
    );
    expect(summary).toEqual([]);
  });
}
