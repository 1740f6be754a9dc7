// The view's one toolbar row: codicon buttons with tooltips, the rest in an overflow menu.
// Keyboard as the ARIA toolbar pattern has it: one tab stop, Left/Right/Home/End move
// focus between the controls (they never step the program), Enter or Space acts. The
// overflow menu opens under its button; Up/Down move, Enter acts, Escape closes it and
// gives focus back to the button.
import { h } from "./dom";

export interface ToolItem {
  /** A codicon name (@vscode/codicons), e.g. "debug-step-over". */
  icon: string;
  /** The accessible name and the tooltip's first part: the button shows no text, so the
   *  name is the only label (no mismatch with a visible one). */
  label: string;
  /** The key that does the same while the picture has focus, shown in the tooltip. */
  key?: string;
  run: () => void;
  /** A toggle: its pressed state is shown and announced. */
  pressed?: boolean;
}

export interface MenuItem {
  label: string;
  key?: string;
  run: () => void;
}

/** A button that shows only a codicon; its name is the label, the tooltip adds the key. */
export function iconButton(item: ToolItem): HTMLButtonElement {
  const b = h("button", { type: "button", class: "fl-tool", "aria-label": item.label,
    title: item.key ? `${item.label} (${item.key})` : item.label, "aria-keyshortcuts": item.key,
    "aria-pressed": item.pressed === undefined ? undefined : String(item.pressed) },
  h("span", { class: `codicon codicon-${item.icon}`, "aria-hidden": "true" }));
  b.addEventListener("click", item.run);
  return b;
}

/** Sets a toggle button's pressed state. */
export function setPressed(b: HTMLElement, on: boolean): void {
  b.setAttribute("aria-pressed", String(on));
}

export class Toolbar {
  readonly el: HTMLElement;
  private readonly moreButton: HTMLButtonElement;
  private readonly menu: HTMLElement;

  constructor(label: string, kids: HTMLElement[], menuItems: MenuItem[]) {
    this.moreButton = iconButton({ icon: "ellipsis", label: "More actions", run: () => this.toggleMenu() });
    this.moreButton.setAttribute("aria-haspopup", "menu");
    this.moreButton.setAttribute("aria-expanded", "false");
    this.moreButton.setAttribute("aria-controls", "fl-more-menu");
    this.menu = h("div", { class: "fl-menu", role: "menu", id: "fl-more-menu", "aria-label": "More actions", hidden: true });
    for (const m of menuItems) {
      const item = h("button", { type: "button", role: "menuitem", tabindex: -1, class: "fl-menuitem", "aria-keyshortcuts": m.key },
        h("span", { text: m.label }), m.key ? h("span", { class: "fl-menukey", "aria-hidden": "true", text: m.key }) : "");
      item.addEventListener("click", () => { this.closeMenu(true); m.run(); });
      this.menu.append(item);
    }
    this.el = h("div", { class: "fl-toolbar", role: "toolbar", "aria-label": label }, ...kids, this.moreButton, this.menu);
    this.el.addEventListener("keydown", (ev) => this.onKey(ev));
    this.el.addEventListener("focusin", (ev) => this.track(ev.target as HTMLElement));
    document.addEventListener("pointerdown", (ev) => {
      if (!this.menu.hidden && !this.el.contains(ev.target as Node)) this.closeMenu(false);
    });
    this.roving();
  }

  /** The controls that take part in the roving focus (visible, enabled, not in the menu). */
  private controls(): HTMLElement[] {
    return Array.from(this.el.querySelectorAll<HTMLElement>("button, input, select"))
      .filter((c) => !this.menu.contains(c) && !c.closest("[hidden]") && !(c as HTMLButtonElement).disabled);
  }

  /** One tab stop: the control focused last (or the first). Call after showing or hiding controls. */
  roving(): void {
    const all = this.controls();
    const current = all.find((c) => c.tabIndex === 0) ?? all[0];
    for (const c of all) c.tabIndex = c === current ? 0 : -1;
  }

  private track(target: HTMLElement): void {
    if (this.menu.contains(target)) return;
    const all = this.controls();
    if (!all.includes(target)) return;
    for (const c of all) c.tabIndex = c === target ? 0 : -1;
  }

  private onKey(ev: KeyboardEvent): void {
    const t = ev.target as HTMLElement;
    if (this.menu.contains(t)) { this.onMenuKey(ev); return; }
    // Inside a text field or the slider the arrows belong to the control.
    if (t.tagName === "INPUT" || t.tagName === "SELECT") {
      if (ev.key !== "Tab") ev.stopPropagation();
      return;
    }
    const all = this.controls();
    const i = all.indexOf(t);
    let next: HTMLElement | undefined;
    if (ev.key === "ArrowRight") next = all[(i + 1) % all.length];
    else if (ev.key === "ArrowLeft") next = all[(i - 1 + all.length) % all.length];
    else if (ev.key === "Home") next = all[0];
    else if (ev.key === "End") next = all[all.length - 1];
    else if (ev.key === "ArrowDown" && t === this.moreButton) { this.openMenu(); ev.preventDefault(); }
    if (!next) return;
    ev.preventDefault();
    ev.stopPropagation();
    next.focus();
  }

  private items(): HTMLElement[] {
    return Array.from(this.menu.querySelectorAll<HTMLElement>("[role=menuitem]")).filter((m) => !m.hidden);
  }

  private onMenuKey(ev: KeyboardEvent): void {
    const items = this.items();
    const i = items.indexOf(ev.target as HTMLElement);
    let next: HTMLElement | undefined;
    if (ev.key === "ArrowDown") next = items[(i + 1) % items.length];
    else if (ev.key === "ArrowUp") next = items[(i - 1 + items.length) % items.length];
    else if (ev.key === "Home") next = items[0];
    else if (ev.key === "End") next = items[items.length - 1];
    else if (ev.key === "Escape" || ev.key === "Tab") { this.closeMenu(ev.key === "Escape"); if (ev.key === "Escape") ev.preventDefault(); ev.stopPropagation(); return; }
    ev.stopPropagation();
    if (!next) return;
    ev.preventDefault();
    next.focus();
  }

  private toggleMenu(): void {
    if (this.menu.hidden) this.openMenu();
    else this.closeMenu(true);
  }

  private openMenu(): void {
    this.menu.hidden = false;
    this.moreButton.setAttribute("aria-expanded", "true");
    this.items()[0]?.focus();
  }

  private closeMenu(refocus: boolean): void {
    this.menu.hidden = true;
    this.moreButton.setAttribute("aria-expanded", "false");
    if (refocus) this.moreButton.focus();
  }

  /** Shows or hides a menu item by its label (items that do not apply to this program). */
  showItem(label: string, on: boolean): void {
    for (const m of Array.from(this.menu.querySelectorAll<HTMLElement>("[role=menuitem]"))) {
      if (m.firstElementChild?.textContent === label) m.hidden = !on;
    }
  }
}
