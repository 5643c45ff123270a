// Browser tests use the system Chromium (Playwright's own download needs the internet).
import { existsSync } from "node:fs";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function chromiumOrExplain(): string | null {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  console.error(
    [
      `tenant-atlas: the browser tests need Chromium, and there is none at ${CHROMIUM_PATH}.`,
      "  Get one in either of these ways, then run the tests again:",
      "    sudo apt-get update && sudo apt-get install -y chromium     (Debian/Ubuntu; gives /usr/bin/chromium)",
      "    npx playwright install chromium                            (where the internet is reachable; then set",
      "                                                                CHROMIUM_PATH to the browser it installed)",
      "  Or point CHROMIUM_PATH at an existing Chromium or Chrome binary.",
    ].join("\n"),
  );
  return null;
}
