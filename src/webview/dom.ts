// A small element builder for the view's controls (no framework: the view is one page).

type Props = Record<string, string | number | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...kids: Array<Node | string>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === false) continue;
    if (k === "text") el.textContent = String(v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const kid of kids) el.append(kid);
  return el;
}

export function button(label: string, ariaLabel: string, key: string, onClick: () => void, extra: Props = {}): HTMLButtonElement {
  const b = h("button", { type: "button", "aria-label": ariaLabel, title: `${ariaLabel} (${key})`, "aria-keyshortcuts": key, ...extra }, label);
  b.addEventListener("click", onClick);
  return b;
}

/** Replaces a select's options, keeping the chosen value when it still exists. */
export function setOptions(sel: HTMLSelectElement, options: Array<[string, string]>): void {
  // Rebuilding 200 options on every step costs a style pass; skip when nothing changed.
  const sig = options.map(([v, l]) => v + "\u0000" + l).join("\u0001");
  if (sel.dataset.sig === sig) return;
  sel.dataset.sig = sig;
  const keep = sel.value;
  // One fragment of plain Option()s: a 200-process list is built in one insertion.
  const list = document.createDocumentFragment();
  for (const [value, label] of options) list.append(new Option(label, value));
  sel.replaceChildren(list);
  if (options.some(([v]) => v === keep)) sel.value = keep;
}
