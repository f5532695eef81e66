// Form controls for a metadata shape (src/form.ts): an input per number, amount, address, hash or
// text, a checkbox per flag or optional value, a list one entry per line, a select per enum with
// the chosen variant's fields, a fieldset per struct. Each control reads itself back as the value
// polkadot.js sends, or names the field that is wrong.

import { isAddress } from "@polkadot/util-crypto";
import { readLeaf, words, type Read, type Shape } from "../form";
import { el } from "../ui";

export interface Control {
  node: HTMLElement;
  read(): Read;
}

let ids = 0;

/** A control for `shape`, labelled `label`; amounts in `symbol` with `decimals`. */
export function control(shape: Shape, label: string, token: { decimals: number; symbol: string }): Control {
  const id = `field-${++ids}`;
  const leaf = (input: HTMLInputElement | HTMLTextAreaElement, hint: string): Control => ({
    node: el("div", { className: "field" }, el("label", { htmlFor: id }, `${label} (${hint})`), input),
    read() {
      const r = readLeaf(shape, input.value, token.decimals, (a) => isAddress(a));
      return r.problem ? { problem: `${label}: ${r.problem}.` } : r;
    },
  });
  switch (shape.kind) {
    case "int":
      return leaf(el("input", { id, type: "text", inputMode: "numeric" }), "a whole number");
    case "balance":
      return leaf(el("input", { id, type: "text", inputMode: "decimal" }), `amount in ${token.symbol}`);
    case "account":
      return leaf(el("input", { id, type: "text", autocomplete: "off" }), "address");
    case "hash":
      return leaf(el("input", { id, type: "text", autocomplete: "off", placeholder: "0x…" }), "code hash");
    case "bytes":
      return leaf(el("input", { id, type: "text" }), "text or link");
    case "bool": {
      const box = el("input", { id, type: "checkbox" });
      return { node: el("div", { className: "field" }, box, el("label", { htmlFor: id }, ` ${label}`)), read: () => ({ value: box.checked }) };
    }
    case "option": {
      const box = el("input", { id, type: "checkbox" });
      const inner = control(shape.inner, label, token);
      inner.node.hidden = true;
      box.addEventListener("change", () => (inner.node.hidden = !box.checked));
      return {
        node: el("div", { className: "field" }, box, el("label", { htmlFor: id }, ` Set ${label.toLowerCase()} (unticked: none)`), inner.node),
        read: () => (box.checked ? inner.read() : { value: null }),
      };
    }
    case "list": {
      const area = el("textarea", { id, rows: 3 });
      return {
        node: el("div", { className: "field" }, el("label", { htmlFor: id }, `${label} (one per line)`), area),
        read() {
          const out: unknown[] = [];
          for (const line of area.value.split("\n").map((l) => l.trim()).filter(Boolean)) {
            const r = readLeaf(shape.inner, line, token.decimals, (a) => isAddress(a));
            if (r.problem) return { problem: `${label}: “${line}” is not ${r.problem}.` };
            out.push(r.value);
          }
          return { value: out };
        },
      };
    }
    case "enum": {
      const select = el("select", { id }, ...shape.variants.map((v) => el("option", { value: v.name, textContent: words(v.name) })));
      const fields = el("div", { className: "variant-fields" });
      let controls: Array<{ key: string; control: Control }> = [];
      const show = () => {
        const v = shape.variants.find((x) => x.name === select.value)!;
        controls = v.fields.map((f) => ({ key: f.key, control: control(f.shape, words(f.name), token) }));
        fields.replaceChildren(...controls.map((c) => c.control.node));
      };
      select.addEventListener("change", show);
      show();
      return {
        node: el("div", { className: "field" }, el("label", { htmlFor: id }, label), select, fields),
        read() {
          const v = shape.variants.find((x) => x.name === select.value)!;
          if (v.fields.length === 0) return { value: v.name };
          const value: Record<string, unknown> = {};
          for (const c of controls) {
            const r = c.control.read();
            if (r.problem) return r;
            value[c.key] = r.value;
          }
          return { value: { [v.name]: value } };
        },
      };
    }
    case "struct":
    case "tuple": {
      const parts =
        shape.kind === "struct"
          ? shape.fields.map((f) => ({ key: f.key, control: control(f.shape, words(f.name), token) }))
          : shape.items.map((s, i) => ({ key: String(i), control: control(s, `${label} ${i + 1}`, token) }));
      return {
        node: el("fieldset", {}, el("legend", {}, label), ...parts.map((p) => p.control.node)),
        read() {
          const value: Record<string, unknown> = {};
          for (const p of parts) {
            const r = p.control.read();
            if (r.problem) return r;
            value[p.key] = r.value;
          }
          return { value: shape.kind === "tuple" ? parts.map((p) => value[p.key]) : value };
        },
      };
    }
    case "unsupported":
      return { node: el("p", { className: "hint" }, `${label}: not supported by this form (${shape.what}).`), read: () => ({ problem: `${label} cannot be filled in here.` }) };
  }
}
