// bench/RESULTS.md is written by several benches: `npm run bench` writes the main figures, and
// each other bench (reports, replay) owns one section between `<!-- name:start -->` and
// `<!-- name:end -->` markers. These helpers keep every bench's section when another rewrites.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const BLOCK = /<!-- ([a-z-]+):start -->[\s\S]*?<!-- \1:end -->\n?/g;

/** The marked sections of `text`, in order, each with its markers. */
export function markedSections(text) {
  return [...text.matchAll(BLOCK)].map((m) => (m[0].endsWith("\n") ? m[0] : `${m[0]}\n`));
}

/** Writes `main` (a report without marked sections) to `file`, keeping the marked sections the file had. */
export function writeKeepingSections(file, main) {
  const kept = existsSync(file) ? markedSections(readFileSync(file, "utf8")) : [];
  writeFileSync(file, `${[main.trimEnd(), ...kept.map((s) => s.trimEnd())].join("\n\n")}\n`);
}

/** Replaces (or appends) the section `name` of `file` with `body` (Markdown, without markers). */
export function writeSection(file, name, body) {
  const section = `<!-- ${name}:start -->\n${body.trim()}\n<!-- ${name}:end -->\n`;
  const current = existsSync(file) ? readFileSync(file, "utf8") : "";
  const re = new RegExp(`<!-- ${name}:start -->[\\s\\S]*?<!-- ${name}:end -->\\n?`);
  writeFileSync(file, re.test(current) ? current.replace(re, section) : `${current.trimEnd()}\n\n${section}`);
}
