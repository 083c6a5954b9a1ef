// Node module hooks for scripts that import Worker code: wrangler bundles `*.ttf` as ArrayBuffer
// ([[rules]] type "Data" in wrangler.toml); this gives Node the same import so
// scripts/openapi.ts can load src/app.ts.
import { readFile } from "node:fs/promises";

export async function load(url, context, nextLoad) {
  if (url.endsWith(".ttf")) {
    const bytes = await readFile(new URL(url));
    const source = `export default new Uint8Array(${JSON.stringify([...bytes])}).buffer;`;
    return { format: "module", source, shortCircuit: true };
  }
  return nextLoad(url, context);
}
