// Small DOM helpers shared by the screens. Text from the chain is always set as text, never as
// HTML; links open only https:// and ipfs:// references.

import { safeLink } from "./program";

export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** An element with properties and children (strings become text nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> & { aria?: Record<string, string>; data?: Record<string, string> } = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  const { aria, data, ...rest } = props;
  Object.assign(node, rest);
  for (const [k, v] of Object.entries(aria ?? {})) node.setAttribute(`aria-${k}`, v);
  for (const [k, v] of Object.entries(data ?? {})) node.dataset[k] = v;
  node.append(...children);
  return node;
}

/** A reference as a link when it is an https:// or ipfs:// address, else as plain text. */
export function reference(text: string): Node {
  const href = safeLink(text);
  if (!href) return document.createTextNode(text);
  return el("a", { href, target: "_blank", rel: "noopener noreferrer" }, text);
}

/** Writes a status line (role=status elements are read out by screen readers). */
export function say(node: HTMLElement, text: string, failed = false) {
  node.textContent = text;
  node.classList.toggle("error", failed);
}

/** A button that sends a transaction: disabled while any transaction is pending. */
export function txButton(text: string, onClick: () => void, label?: string): HTMLButtonElement {
  const button = el("button", { type: "button", textContent: text }, );
  button.dataset.tx = "";
  if (label) button.setAttribute("aria-label", label);
  button.addEventListener("click", onClick);
  return button;
}

document.addEventListener("tx-busy", (e) => {
  const busy = (e as CustomEvent<boolean>).detail;
  for (const b of document.querySelectorAll<HTMLButtonElement>("button[data-tx]")) b.disabled = busy || b.dataset.off === "1";
});
