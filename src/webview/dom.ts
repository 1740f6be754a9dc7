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

/** Long lists are filled after the frame: styling 200 options would cost a third of a
 *  200-process picture's frame, and nobody reads the list until they open the control. */
const LAZY_OPTIONS = 20;
const pendingOptions = new WeakMap<HTMLSelectElement, Array<[string, string]>>();

function fillOptions(sel: HTMLSelectElement): void {
  const options = pendingOptions.get(sel);
  if (!options) return;
  pendingOptions.delete(sel);
  const keep = sel.value;
  // One fragment of plain Option()s: a 200-process list is built in one insertion.
  const list = document.createDocumentFragment();
  for (const [value, label] of options) list.append(new Option(label, value));
  sel.replaceChildren(list);
  if (options.some(([v]) => v === keep)) sel.value = keep;
}

/** Replaces a select's options, keeping the chosen value when it still exists. */
export function setOptions(sel: HTMLSelectElement, options: Array<[string, string]>): void {
  // Rebuilding 200 options on every step costs a style pass; skip when nothing changed.
  const sig = options.map(([v, l]) => v + "\u0000" + l).join("\u0001");
  if (sel.dataset.sig === sig) return;
  sel.dataset.sig = sig;
  pendingOptions.set(sel, options);
  if (options.length <= LAZY_OPTIONS || document.activeElement === sel) return fillOptions(sel);
  // Until the idle fill, the control holds just the option it shows, so it reads the same.
  const keep = sel.value;
  const [value, label] = options.find(([v]) => v === keep) ?? options[0];
  sel.replaceChildren(new Option(label, value));
  if (!sel.dataset.lazy) {
    sel.dataset.lazy = "1";
    // Reaching the control first fills it at once (mouse, keyboard, assistive focus).
    for (const ev of ["focus", "pointerdown", "keydown"]) sel.addEventListener(ev, () => fillOptions(sel));
  }
  whenIdle(() => fillOptions(sel));
}

/** Runs `work` once the next frame is painted (a task queued from a frame callback runs
 *  after that frame's paint): for what is beside the picture, so a step's picture does not
 *  wait for it. */
export function afterPaint(work: () => void): void {
  requestAnimationFrame(() => setTimeout(work, 0));
}

/** Runs `work` once the page is idle after this frame (within a quarter second): for what
 *  nobody sees until they reach for it, so it stays out of the update a step waits for. */
export function whenIdle(work: () => void): void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
  if (idle) idle(work, { timeout: 250 });
  else setTimeout(work, 50);
}

/** Sets a node's text only when it differs: writing the same text still replaces the text
 *  node, and the browser lays its box out again on every step. */
export function setText(el: Node, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** The same for an attribute (a title, an ARIA property). */
export function setAttr(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** A list holding one item per text, keeping the items whose text is the same. */
export function setItems(list: Element, texts: string[]): void {
  const items = list.children;
  texts.forEach((t, i) => {
    if (i < items.length) setText(items[i], t);
    else list.append(h("li", { text: t }));
  });
  while (items.length > texts.length) items[items.length - 1].remove();
}
