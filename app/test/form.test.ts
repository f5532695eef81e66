import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { argType, readLeaf, shapeOf, words, type FormMetadata, type Shape } from "../src/form";

// The governor's own release metadata, as ./scripts/build-contracts leaves it.
const ink = join(process.env.CARGO_TARGET_DIR ?? resolve(__dirname, "../../target"), "ink", "release");
const built = existsSync(join(ink, "governor.json"));
const yes = () => true;

describe.skipIf(!built)("the council's generic proposal form, from the governor's metadata", () => {
  const meta = built ? (JSON.parse(readFileSync(join(ink, "governor.json"), "utf8")) as FormMetadata) : (undefined as never);
  const action = (built ? shapeOf(meta, argType(meta, "propose", "action")!) : undefined) as Extract<Shape, { kind: "enum" }>;
  const variant = (name: string) => action.variants.find((v) => v.name === name)!;

  it("offers every Action variant, in the contract's order", () => {
    expect(action.kind).toBe("enum");
    expect(action.variants[0].name).toBe("FinalizeMonth");
    expect(action.variants.map((v) => v.name)).toContain("ReleasePool");
    expect(action.variants.every((v) => v.fields.every((f) => f.shape.kind !== "unsupported"))).toBe(true);
  });

  it("asks for amounts in tokens, accounts as addresses, references as text", () => {
    expect(variant("FundMonth").fields.map((f) => [f.key, f.shape.kind])).toEqual([["month", "int"], ["amount", "balance"]]);
    expect(variant("Induct").fields.map((f) => [f.key, f.shape.kind])).toEqual([["who", "account"], ["rank", "enum"], ["evidenceRef", "bytes"]]);
    expect(variant("SetFunder").fields[0].shape).toEqual({ kind: "option", inner: { kind: "account" } });
    expect(variant("SetReviewers").fields[0].shape).toEqual({ kind: "list", inner: { kind: "account" } });
    expect(variant("Upgrade").fields.map((f) => f.shape.kind)).toEqual(["enum", "hash"]);
    // The pool's configuration is a nested struct of the program's terms.
    const config = variant("SetPoolConfig").fields[0].shape as Extract<Shape, { kind: "struct" }>;
    expect(config.kind).toBe("struct");
    // The department weights ([u16; 7]) are seven numbers.
    const weights = config.fields.find((f) => f.key === "weights")!.shape as Extract<Shape, { kind: "tuple" }>;
    expect(weights.items).toHaveLength(7);
    expect(weights.items[0]).toEqual({ kind: "int", bits: 16, signed: false });
  });
});

describe("what a person types, read for the chain", () => {
  it("reads numbers in range, amounts in tokens, hashes and text", () => {
    expect(readLeaf({ kind: "int", bits: 8, signed: false }, "255", 12, yes)).toEqual({ value: 255 });
    expect(readLeaf({ kind: "int", bits: 8, signed: false }, "256", 12, yes).problem).toBe("a whole number from 0 to 255");
    expect(readLeaf({ kind: "int", bits: 64, signed: false }, "18446744073709551615", 12, yes)).toEqual({ value: "18446744073709551615" });
    expect(readLeaf({ kind: "int", bits: 32, signed: false }, "1.5", 12, yes).problem).toBe("a whole number");
    expect(readLeaf({ kind: "balance" }, "1.5", 12, yes)).toEqual({ value: "1500000000000" });
    expect(readLeaf({ kind: "hash" }, "0x12", 12, yes).problem).toContain("64 hex digits");
    expect(readLeaf({ kind: "bytes" }, "0xdeadbeef", 12, yes)).toEqual({ value: "0x30786465616462656566" });
    expect(readLeaf({ kind: "account" }, "nope", 12, () => false).problem).toBe("an account address (SS58)");
    expect(words("SetPoolConfig")).toBe("Set pool config");
    expect(words("reason_ref")).toBe("Reason ref");
  });
});
