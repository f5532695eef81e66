import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { describe as words, errorTypeOf, refusalInWords, rejectedIndex, type InkMetadata } from "../src/errors";

// The contracts' own release metadata, as ./scripts/build-contracts leaves it.
const ink = join(process.env.CARGO_TARGET_DIR ?? resolve(__dirname, "../../target"), "ink", "release");
const load = (name: string) => JSON.parse(readFileSync(join(ink, `${name}.json`), "utf8")) as InkMetadata;
const built = existsSync(join(ink, "reward_pool.json"));

describe.skipIf(!built)("contract refusals in words, from the metadata", () => {
  const pool = built ? load("reward_pool") : (undefined as never);

  it("words a plain variant with its doc comment", () => {
    expect(refusalInWords(pool, "claim", { notMember: null })).toBe("The caller's wallet is not a member's");
    expect(refusalInWords(pool, "claim", "AlreadyClaimed")).toMatch(/already claimed/i);
  });

  it("words a nested refusal as a chain", () => {
    expect(refusalInWords(pool, "submit", { registry: "Suspended" })).toBe("The registry refused: the member is suspended");
    expect(refusalInWords(pool, "submit", { registry: { rule: "MemberHasLeft" } })).toBe(
      "The registry refused: the member has retired or was removed",
    );
    expect(refusalInWords(pool, "submit", { rule: "EffortOutOfRange" })).toBe("An effort score is above 20");
  });

  it("names the entry of a batch and why", () => {
    const err = { scoreRejected: { index: 2, fault: "OwnSubmission" } };
    expect(refusalInWords(pool, "score", err)).toMatch(/^Entry 3 of the batch: /);
    expect(refusalInWords(pool, "score", { scoreRejected: { index: 0, fault: { rule: "ResultsOutOfRange" } } })).toBe(
      "Entry 1 of the batch: a results score is above 20",
    );
    expect(rejectedIndex(err)).toBe(2);
    expect(rejectedIndex({ notReviewer: null })).toBeUndefined();
  });

  it("never throws on shapes it does not know", () => {
    expect(refusalInWords(pool, "claim", { somethingNew: null })).toBe("something new");
    expect(refusalInWords(pool, "noSuchMessage", "X")).toMatch(/refused/);
    expect(typeof words(pool, 99_999, "X")).toBe("string");
    expect(errorTypeOf(pool, "claim")).toBeTypeOf("number");
  });
});
