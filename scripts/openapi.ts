// Builds the OpenAPI document from the code (as GET /openapi.json serves it) and validates it
// against the OpenAPI 3.1 schema with @apidevtools/swagger-parser. Run by .ci/run:
//   npx tsx scripts/openapi.ts [--out docs/openapi.json]
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { createApp } from "../src/app";

const app = createApp();
const res = await app.request("/openapi.json", {}, { PLATFORM_DOMAIN: "localhost", ENVIRONMENT: "test" });
const doc = await res.json();
const out = process.argv.indexOf("--out");
const outPath = out > 0 ? process.argv[out + 1] : undefined;
if (outPath) {
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, `${JSON.stringify(doc, null, 2)}\n`);
}
await SwaggerParser.validate(structuredClone(doc));
const ops = Object.values(doc.paths as Record<string, object>).reduce((n, p) => n + Object.keys(p).length, 0);
console.log(`openapi.json is valid OpenAPI ${doc.openapi}: ${Object.keys(doc.paths).length} paths, ${ops} operations`);
