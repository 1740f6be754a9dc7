// The text view: the snapshot's tables as real HTML tables, the accessible alternative
// to the picture (screen readers can move by row and column).
import type { TextView } from "../render/tables";
import { h } from "./dom";

export function textTables(view: TextView): HTMLElement {
  const parts: HTMLElement[] = [h("h2", { text: view.title })];
  if (view.notes.length) parts.push(h("ul", {}, ...view.notes.map((n) => h("li", { text: n }))));
  for (const t of view.tables) {
    const head = h("tr", {}, ...t.headers.map((c) => h("th", { scope: "col", text: c })));
    const rows = t.rows.length ? t.rows.map((r) => h("tr", {}, ...r.map((c) => h("td", { text: c }))))
      : [h("tr", {}, h("td", { colspan: t.headers.length, text: "(none)" }))];
    parts.push(h("table", {}, h("caption", { text: t.caption }), h("thead", {}, head), h("tbody", {}, ...rows)));
  }
  return h("div", { class: "fl-text" }, ...parts);
}
