// Copies a deployment manifest (written by the deploy tool) and the contracts' metadata next to
// the page: `npm run prepare-manifest -- target/deploy/local-node.json` (paths from the repository).
// Further manifests are copied under their own names and opened with ?deployment=<name>:
// `npm run prepare-manifest -- main.json other.json` serves other.json at ?deployment=other.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const manifestPath = process.argv[2] ?? "target/deploy/local-node.json";
const manifest = JSON.parse(readFileSync(resolve(root, manifestPath), "utf8"));
const out = join(root, "app", "public");
mkdirSync(join(out, "metadata"), { recursive: true });
copyFileSync(resolve(root, manifestPath), join(out, "manifest.json"));
for (const [name, path] of Object.entries(manifest.metadata)) {
  copyFileSync(resolve(root, path), join(out, "metadata", `${name}.json`));
}
for (const extra of process.argv.slice(3)) {
  copyFileSync(resolve(root, extra), join(out, basename(extra)));
}
console.log(`manifest and metadata copied to ${out}`);
