import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { pages } from "./pages";

// axe-core runs as injected JavaScript, so this runs in the JavaScript-enabled project only;
// the server-rendered markup it checks is the same markup the no-JavaScript project gets.
for (const page of pages) {
  test(`${page.path} has no serious or critical accessibility violations`, async ({
    page: browser,
    javaScriptEnabled,
  }) => {
    test.skip(!javaScriptEnabled, "axe-core needs JavaScript");
    await browser.goto(page.path);

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
