// A message argument's shape read from the contract's ink! metadata, and the text a person types
// for each leaf read into what polkadot.js sends. The council's generic proposal form is built
// from it, so every `Action` variant the governor knows can be proposed without hand-encoding,
// and a new variant needs no change here. No chain library (addresses are checked by the caller's
// `isAddress`).

import { bytes, parseTokens } from "./program";

/** The parts of an ink! 5 metadata file the form reads. */
export interface FormMetadata {
  spec: { messages: Array<{ label: string; args: Array<{ label: string; type: { type: number } }> }> };
  types: Array<{ id: number; type: MetaType }>;
}

interface MetaType {
  path?: string[];
  params?: Array<{ name: string; type?: number }>;
  def: {
    primitive?: string;
    composite?: { fields?: Array<{ name?: string; type: number; typeName?: string }> };
    variant?: { variants?: Array<{ name: string; index: number; fields?: Array<{ name?: string; type: number; typeName?: string }> }> };
    sequence?: { type: number };
    array?: { len: number; type: number };
    tuple?: number[];
  };
}

/** What a person fills in for a value of one type. */
export type Shape =
  | { kind: "int"; bits: number; signed: boolean }
  | { kind: "balance" }
  | { kind: "bool" }
  | { kind: "account" }
  | { kind: "hash" }
  | { kind: "bytes" }
  | { kind: "option"; inner: Shape }
  | { kind: "list"; inner: Shape }
  | { kind: "enum"; name: string; variants: Array<{ name: string; fields: Named[] }> }
  | { kind: "struct"; name: string; fields: Named[] }
  | { kind: "tuple"; items: Shape[] }
  | { kind: "unsupported"; what: string };

/** A named field (snake_case in the metadata; `key` is polkadot.js's camelCase). */
export interface Named {
  name: string;
  key: string;
  shape: Shape;
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The type id of `label`'s argument `arg`. */
export function argType(meta: FormMetadata, label: string, arg: string): number | undefined {
  return meta.spec.messages.find((m) => m.label === label)?.args.find((a) => a.label === arg)?.type.type;
}

/** The shape of type `id`; `typeName` (the Rust alias, "Balance") marks token amounts. */
export function shapeOf(meta: FormMetadata, id: number, typeName?: string, depth = 0): Shape {
  const t = meta.types.find((x) => x.id === id)?.type;
  if (!t || depth > 12) return { kind: "unsupported", what: `type ${id}` };
  const last = t.path?.[t.path.length - 1];
  const fields = (list: Array<{ name?: string; type: number; typeName?: string }> = []) =>
    list.map((f, i) => {
      const name = f.name ?? String(i);
      return { name, key: camel(name), shape: shapeOf(meta, f.type, f.typeName, depth + 1) };
    });
  if (t.def.primitive) {
    const p = t.def.primitive;
    if (p === "bool") return { kind: "bool" };
    if (p === "u128" && typeName && /Balance/.test(typeName)) return { kind: "balance" };
    const m = p.match(/^([ui])(\d+)$/);
    if (m) return { kind: "int", bits: Number(m[2]), signed: m[1] === "i" };
    return { kind: "unsupported", what: p };
  }
  if (last === "AccountId") return { kind: "account" };
  if (last === "Hash") return { kind: "hash" };
  if (t.def.sequence) {
    const inner = meta.types.find((x) => x.id === t.def.sequence!.type)?.type;
    if (inner?.def.primitive === "u8") return { kind: "bytes" };
    return { kind: "list", inner: shapeOf(meta, t.def.sequence.type, undefined, depth + 1) };
  }
  if (t.def.variant) {
    const inner = t.params?.find((p) => p.name === "T")?.type;
    if (last === "Option" && inner !== undefined) return { kind: "option", inner: shapeOf(meta, inner, typeName, depth + 1) };
    return {
      kind: "enum",
      name: last ?? "",
      variants: (t.def.variant.variants ?? []).sort((a, b) => a.index - b.index).map((v) => ({ name: v.name, fields: fields(v.fields) })),
    };
  }
  if (t.def.composite) {
    const f = t.def.composite.fields ?? [];
    // A newtype (a single unnamed field) is filled in as what it wraps.
    if (f.length === 1 && !f[0].name) return shapeOf(meta, f[0].type, f[0].typeName ?? typeName, depth + 1);
    return { kind: "struct", name: last ?? "", fields: fields(f) };
  }
  if (t.def.array) {
    const len = t.def.array.len;
    return { kind: "tuple", items: Array.from({ length: len }, () => shapeOf(meta, t.def.array!.type, undefined, depth + 1)) };
  }
  if (t.def.tuple) return { kind: "tuple", items: t.def.tuple.map((x) => shapeOf(meta, x, undefined, depth + 1)) };
  return { kind: "unsupported", what: last ?? `type ${id}` };
}

/** "SetPoolConfig" → "Set pool config"; "reason_ref" → "Reason ref". */
export function words(name: string): string {
  const s = name.replace(/_/g, " ").replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A parsed leaf: the value polkadot.js takes, or what is wrong with the text. */
export type Read = { value: unknown; problem?: undefined } | { value?: undefined; problem: string };

/**
 * `text` typed for a leaf shape as the value polkadot.js takes: a whole number in range, a token
 * amount (by `decimals`), an address (`isAddress` checks it), a 32-byte hex hash, or text sent as
 * its UTF-8 bytes. Booleans and composite shapes are read by their controls, not from text.
 */
export function readLeaf(shape: Shape, text: string, decimals: number, isAddress: (a: string) => boolean): Read {
  const t = text.trim();
  switch (shape.kind) {
    case "int": {
      if (!/^-?\d+$/.test(t)) return { problem: "a whole number" };
      const n = BigInt(t);
      const max = (1n << BigInt(shape.bits - (shape.signed ? 1 : 0))) - 1n;
      const min = shape.signed ? -max - 1n : 0n;
      if (n < min || n > max) return { problem: `a whole number from ${min} to ${max}` };
      return { value: n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString() };
    }
    case "balance": {
      const { amount, problem } = parseTokens(t, decimals);
      return problem ? { problem: problem.replace(/\.$/, "").toLowerCase() } : { value: amount!.toString() };
    }
    case "account":
      return isAddress(t) ? { value: t } : { problem: "an account address (SS58)" };
    case "hash":
      return /^0x[0-9a-fA-F]{64}$/.test(t) ? { value: t.toLowerCase() } : { problem: "a code hash: 0x and 64 hex digits" };
    case "bytes":
      return { value: bytes(t) };
    case "bool":
      return { value: t === "true" };
    default:
      return { problem: `cannot be typed in (${shape.kind})` };
  }
}
