#!/usr/bin/env node
// Regenerates the two font subsets the invoice PDFs embed (run by hand: `node src/domains/invoices/pdf/fonts/subset.mjs`).
// Source: Noto Sans Regular and Bold TTF from the @expo-google-fonts/noto-sans devDependency
// (SIL Open Font License 1.1, copied beside the subsets as OFL.txt). The full fonts are ~630 KB
// each; the subsets keep printable ASCII, Latin-1, the rupee sign and a few typographic marks
// (~20 KB each), which is what invoices print. A character outside the subset prints as "?"
// (see text.ts printable()), never as a missing glyph.
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import subsetFont from "subset-font";

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const PKG = dirname(require.resolve("@expo-google-fonts/noto-sans/package.json"));

/** Code points kept: U+0020–U+007E, U+00A0–U+00FF, and ₹ € £ – — ‘ ’ “ ” • … − × (the last two also in Latin-1/maths). */
const range = (a, b) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i)).join("");
export const SUBSET_TEXT = `${range(0x20, 0x7e)}${range(0xa0, 0xff)}\u20b9\u20ac\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u2212`;

for (const [weight, out] of [
  ["400Regular/NotoSans_400Regular.ttf", "NotoSans-Regular.subset.ttf"],
  ["700Bold/NotoSans_700Bold.ttf", "NotoSans-Bold.subset.ttf"],
]) {
  const full = readFileSync(join(PKG, weight));
  const subset = await subsetFont(full, SUBSET_TEXT, { targetFormat: "truetype" });
  writeFileSync(join(HERE, out), subset);
  console.log(`${out}: ${full.length} -> ${subset.length} bytes`);
}
copyFileSync(join(PKG, "LICENSE_FONT"), join(HERE, "OFL.txt"));
