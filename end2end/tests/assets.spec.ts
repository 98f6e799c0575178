import { expect, test } from "@playwright/test";

// The release build's static files: named by their content's hash, pre-compressed, served in
// the best encoding the client accepts and cached for a year. Pages are compressed as sent.

async function bundleFiles(request: import("@playwright/test").APIRequestContext) {
  const page = await (await request.get("/")).text();
  const script = page.match(/href="(\/pkg\/watchdog\.[^"]+\.js)"/)?.[1];
  const wasm = page.match(/href="(\/pkg\/watchdog\.[^"]+\.wasm)"/)?.[1];
  const css = page.match(/href="(\/pkg\/watchdog\.[^"]+\.css)"/)?.[1];
  expect(script, "the page links its script by a hashed name").toBeTruthy();
  expect(wasm, "and its wasm").toBeTruthy();
  expect(css, "and its stylesheet").toBeTruthy();
  return [script!, wasm!, css!];
}

test("bundle files are served pre-compressed and cached for a year", async ({ request }) => {
  for (const path of await bundleFiles(request)) {
    for (const [accept, encoding] of [
      ["br, gzip", "br"],
      ["gzip", "gzip"],
      ["identity", undefined],
    ] as const) {
      const response = await request.get(path, { headers: { "accept-encoding": accept } });
      expect(response.status(), path).toBe(200);
      const headers = response.headers();
      expect(headers["content-encoding"], `${path} for ${accept}`).toBe(encoding);
      expect(headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(headers["x-content-type-options"]).toBe("nosniff");
    }
  }
});

test("pages are compressed when the client accepts it", async ({
  request,
}) => {
  const response = await request.get("/sign-in", { headers: { "accept-encoding": "br" } });
  expect(response.headers()["content-encoding"]).toBe("br");
  expect(await response.text()).toContain("Sign in");
  const plain = await request.get("/sign-in", { headers: { "accept-encoding": "identity" } });
  expect(plain.headers()["content-encoding"]).toBeUndefined();
});

test("a page that carries a one-time link is never compressed", async ({ request }) => {
  const response = await request.get("/join/some-token-here", {
    headers: { "accept-encoding": "br, gzip" },
  });
  expect(response.headers()["content-encoding"]).toBeUndefined();
  expect(response.headers()["x-watchdog-uncompressed"]).toBeUndefined();
});
