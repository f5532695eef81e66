// A contract's refusal in words: the shape (which variant, what it wraps) comes from the
// contract's metadata, the words from the variant's doc comment in the Rust source
// (src/error-docs.json, written by scripts/error-docs.mjs). Nested errors read as a chain:
// "The registry refused: the member is suspended."

import docs from "./error-docs.json";

/** The parts of an ink! 5 metadata file this module reads. */
export interface InkMetadata {
  spec: { messages: Array<{ label: string; returnType: { type: number } | null }> };
  types: Array<{ id: number; type: InkType }>;
}

interface InkType {
  path?: string[];
  def: {
    variant?: { variants?: Array<{ name: string; index: number; fields?: Array<{ name?: string; type: number }> }> };
    composite?: unknown;
    primitive?: string;
  };
  params?: Array<{ name: string; type: number }>;
}

const DOCS = docs as Record<string, Record<string, string>>;

/** Prefixes for variants that wrap another contract's or the rules' error. */
const WRAPS: Record<string, string> = {
  Registry: "The registry refused",
  Pool: "The reward pool refused",
  RewardPool: "The reward pool refused",
  Bounty: "The bounty contract refused",
  Rule: "",
  Admin: "",
  Upgrade: "",
};

function typeOf(meta: InkMetadata, id: number): InkType | undefined {
  return meta.types.find((t) => t.id === id)?.type;
}

/** The error type `E` of a message returning `MessageResult<Result<T, E>>`, if it has one. */
export function errorTypeOf(meta: InkMetadata, label: string): number | undefined {
  const message = meta.spec.messages.find((m) => m.label === label);
  if (!message?.returnType) return undefined;
  const outer = typeOf(meta, message.returnType.type);
  const inner = outer?.params?.find((p) => p.name === "T");
  const result = inner && typeOf(meta, inner.type);
  if (!result || result.path?.[0] !== "Result") return undefined;
  return result.params?.find((p) => p.name === "E")?.type;
}

/** First sentence of a doc, without Rust's backticks. */
function sentence(doc: string): string {
  const plain = doc.replace(/`/g, "");
  const end = plain.search(/[.;:](\s|$)/);
  return (end >= 0 ? plain.slice(0, end) : plain).trim();
}

/** "NotReviewer" → "not reviewer": the variant's name when no doc is known. */
function spaced(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/** polkadot.js renders an enum as "Variant", { variant: value } or { Variant: value }. */
function variantOf(value: unknown): { name: string; inner: unknown } | undefined {
  if (typeof value === "string") return { name: value, inner: null };
  if (value && typeof value === "object") {
    const [key] = Object.keys(value);
    if (key !== undefined) return { name: key, inner: (value as Record<string, unknown>)[key] };
  }
  return undefined;
}

function lowerFirst(text: string): string {
  return text ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/**
 * The error `value` (as polkadot.js renders it to JSON) of type `typeId` in words, wrapped
 * errors included, e.g. "The registry refused: the member is suspended". Unknown shapes fall back
 * to the variant's name in words; never throws.
 */
export function describe(meta: InkMetadata, typeId: number, value: unknown): string {
  const type = typeOf(meta, typeId);
  const found = variantOf(value);
  const variants = type?.def.variant?.variants;
  if (!type || !found || !variants) return found ? spaced(found.name) : "an unknown error";
  const variant = variants.find((v) => v.name.toLowerCase() === found.name.toLowerCase());
  if (!variant) return spaced(found.name);
  const path = type.path ?? [];
  const key = `${path[0]}.${path[path.length - 1]}`;
  const doc = DOCS[key]?.[variant.name];
  const own = doc ? sentence(doc) : spaced(variant.name);
  const fields = variant.fields ?? [];
  // A wrapped error: `Registry(registry::Error)`, `Rule(RuleError)`.
  if (fields.length === 1 && !fields[0].name && typeOf(meta, fields[0].type)?.def.variant) {
    const inner = describe(meta, fields[0].type, found.inner);
    const prefix = WRAPS[variant.name];
    if (prefix === undefined) return `${own}: ${lowerFirst(inner)}`;
    return prefix ? `${prefix}: ${lowerFirst(inner)}` : inner;
  }
  // A struct variant naming an entry of a batch: `ScoreRejected { index, fault }`.
  if (fields.length > 0 && fields.every((f) => f.name) && found.inner && typeof found.inner === "object") {
    const record = found.inner as Record<string, unknown>;
    const index = record.index;
    const faultField = fields.find((f) => f.name !== "index" && typeOf(meta, f.type)?.def.variant);
    if (faultField) {
      const why = describe(meta, faultField.type, record[faultField.name as string]);
      return typeof index === "number" ? `Entry ${index + 1} of the batch: ${lowerFirst(why)}` : why;
    }
  }
  return own;
}

/** The words for message `label`'s `Err` value, or a plain fallback if the message has no error. */
export function refusalInWords(meta: InkMetadata, label: string, err: unknown): string {
  const type = errorTypeOf(meta, label);
  return type === undefined ? `The contract refused (${JSON.stringify(err)})` : describe(meta, type, err);
}

/** The position in the batch that a `ScoreRejected { index, … }` refusal names (0-based). */
export function rejectedIndex(err: unknown): number | undefined {
  const found = variantOf(err);
  if (!found || found.name.toLowerCase() !== "scorerejected") return undefined;
  const index = (found.inner as { index?: unknown } | null)?.index;
  return typeof index === "number" ? index : undefined;
}
