// What the explorer's first load makes every browser download and run: the scripts the page's HTML
// names. The view codec, the bulk bar and the tag box check values without a schema library, so
// zod (about 110 KB of script to parse and evaluate on every phone) stays with the server and the
// forms that load when opened.
import { expect, test } from "./support/fixtures";

/** zod's own marker: every schema it builds keeps its internals under `_zod`. */
const ZOD_MARKER = "_zod";

test("the explorer's first load ships no schema library", async ({ apiAs }) => {
  const admin = await apiAs("admin");
  for (const path of ["/", "/?group=region"]) {
    const page = await admin.get(path);
    expect(page.status(), path).toBe(200);
    const html = await page.text();
    const sources = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length, path).toBeGreaterThan(3);
    for (const src of sources) {
      const script = await admin.get(src);
      expect(script.status(), src).toBe(200);
      expect((await script.text()).includes(ZOD_MARKER), `${path}: ${src} carries zod`).toBe(false);
    }
  }
});
