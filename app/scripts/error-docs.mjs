// Writes src/error-docs.json: every error enum of the contracts (and the rules crate) with each
// variant's doc comment, read from the Rust sources. Release metadata carries the errors' shape
// (variants, nesting) but not their docs, so the app decodes a refusal with the metadata and words
// it with these docs: the words stay in one place, the `///` lines beside each variant.
//
//   node scripts/error-docs.mjs          write src/error-docs.json
//   node scripts/error-docs.mjs --check  exit 1 if the file is not what the sources give
import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const app = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const contracts = join(app, "..", "contracts");
const out = join(app, "src", "error-docs.json");

/** `{ "<crate>.<Enum>": { "<Variant>": "doc" } }` for enums named Error or ending in Fault. */
export function errorDocs() {
  const docs = {};
  for (const crate of readdirSync(contracts).sort()) {
    const src = join(contracts, crate, "src");
    if (!existsSync(src)) continue;
    for (const file of readdirSync(src).sort().filter((f) => f.endsWith(".rs"))) {
      const lines = readFileSync(join(src, file), "utf8").split("\n");
      for (let i = 0; i < lines.length; i++) {
        const head = lines[i].match(/^\s*pub enum (\w*(?:Error|Fault))\s*\{/);
        if (!head) continue;
        const variants = {};
        let doc = [];
        let depth = 1;
        for (let j = i + 1; j < lines.length && depth > 0; j++) {
          const line = lines[j].trim();
          if (depth === 1) {
            if (line.startsWith("///")) {
              doc.push(line.replace(/^\/\/\/\s?/, ""));
              continue;
            }
            const variant = line.match(/^([A-Z]\w*)\s*(?:[({,]|$)/);
            if (variant) {
              variants[variant[1]] = doc.join(" ").replace(/\s+/g, " ").trim();
              doc = [];
            } else if (!line.startsWith("#")) {
              doc = [];
            }
          }
          depth += (line.match(/[{(]/g) ?? []).length - (line.match(/[})]/g) ?? []).length;
        }
        docs[`${crate}.${head[1]}`] = variants;
      }
    }
  }
  return docs;
}

const text = JSON.stringify(errorDocs(), null, 1) + "\n";
if (process.argv.includes("--check")) {
  if (!existsSync(out) || readFileSync(out, "utf8") !== text) {
    console.error("src/error-docs.json is stale: run `node scripts/error-docs.mjs` in app/");
    process.exit(1);
  }
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out}`);
}
