// Two changes to chopsticks 1.5.1 so that it serves a fresh chain from a genesis file the way
// contracts-node does, for scripts/real-chain. Idempotent; run after every `npm ci`.
//
// 1. A chain started from a genesis file has no child tries, but chopsticks asks its genesis
//    provider for child storage when a contract's trie is first read and that provider has no
//    such method: pallet-contracts' first dry run fails ("childstate_getStorage not
//    implemented"). The genesis has no child storage, so the answer is "none".
// 2. Each block is stamped with the machine's clock (as contracts-node's instant seal does)
//    instead of the parent's time plus a 12 s slot: the suite's months, windows and timelocks
//    are in wall time, and a chain whose clock runs ahead by 12 s a block would be in another
//    month than the tools. 6 ms above the parent at least (the runtime's MinimumPeriod is 5).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const core = join(dirname(fileURLToPath(import.meta.url)), "node_modules/@acala-network/chopsticks-core/dist");
const patches = [
  {
    file: "genesis-provider.js",
    from: "default:\n                    throw Error(`${method} not implemented`);",
    to: "case 'childstate_getStorage':\n                case 'childstate_getStorageAt':\n                    return null;\n                case 'childstate_getKeysPaged':\n                case 'childstate_getKeysPagedAt':\n                    return [];\n                default:\n                    throw Error(`${method} not implemented`);",
    done: "childstate_getStorage",
  },
  {
    file: "blockchain/inherent/timestamp.js",
    from: "meta.tx.timestamp.set(currentTimestamp + BigInt(slotDuration))",
    to: "meta.tx.timestamp.set(currentTimestamp + 6n > BigInt(Date.now()) ? currentTimestamp + 6n : BigInt(Date.now()))",
    done: "BigInt(Date.now())",
  },
];
for (const flavour of ["cjs", "esm"]) {
  for (const p of patches) {
    const path = join(core, flavour, p.file);
    const text = readFileSync(path, "utf8");
    if (text.includes(p.done)) continue;
    // The esm build indents differently: match on the code, not the whitespace.
    const squash = (s) => s.replace(/\s+/g, " ");
    const at = squash(text).indexOf(squash(p.from));
    if (at < 0) throw new Error(`${path}: the code to patch is not there (another chopsticks version?)`);
    const re = new RegExp(p.from.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+"));
    writeFileSync(path, text.replace(re, p.to));
    console.log(`patched ${flavour}/${p.file}`);
  }
}
