// The view's one toolbar row: codicon buttons with tooltips, the rest in an overflow menu.
// The row never wraps while it can help it: when the view is too narrow for every button,
// the ones given as movable go, in their order, into the overflow menu (as items that do
// the same and show a toggle's state), and come back as the view widens; only when nothing
// is left to move (the view zoomed far in) does the row wrap. Keyboard as the ARIA toolbar
// pattern has it: one tab stop, Left/Right/Home/End move
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

/** A menu item that stands for a toolbar button moved into the menu. */
interface Mirror { button: HTMLButtonElement; item: HTMLButtonElement }

export class Toolbar {
  readonly el: HTMLElement;
  private readonly moreButton: HTMLButtonElement;
  private readonly menu: HTMLElement;
  private readonly mirrors: Mirror[] = [];

  /** `movable`: parts of `kids` that go into the overflow menu when the row is too narrow,
   *  the first to go first (a part may hold several buttons, and text that goes with them). */
  constructor(label: string, kids: HTMLElement[], menuItems: MenuItem[], private readonly movable: HTMLElement[] = []) {
    this.moreButton = iconButton({ icon: "ellipsis", label: "More actions", run: () => this.toggleMenu() });
    this.moreButton.setAttribute("aria-haspopup", "menu");
    this.moreButton.setAttribute("aria-expanded", "false");
    this.moreButton.setAttribute("aria-controls", "fl-more-menu");
    this.menu = h("div", { class: "fl-menu", role: "menu", id: "fl-more-menu", "aria-label": "More actions", hidden: true });
    // The movable buttons' stand-ins come first, in the order the buttons stand in the row.
    for (const b of kids.flatMap((k) => this.movable.includes(k) ? Array.from(k.matches("button") ? [k] : k.querySelectorAll("button")) : [])) {
      const button = b as HTMLButtonElement;
      const key = button.getAttribute("aria-keyshortcuts");
      const toggle = button.hasAttribute("aria-pressed");
      const item = h("button", { type: "button", role: toggle ? "menuitemcheckbox" : "menuitem", tabindex: -1, class: "fl-menuitem", hidden: true, "aria-keyshortcuts": key ?? undefined },
        h("span", { text: button.getAttribute("aria-label") ?? "" }), key ? h("span", { class: "fl-menukey", "aria-hidden": "true", text: key }) : "");
      item.addEventListener("click", () => { this.closeMenu(true); button.click(); });
      this.menu.append(item);
      this.mirrors.push({ button, item });
    }
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
    // The row's width, and the buttons' size (the view's zoom), decide what fits.
    const resized = new ResizeObserver(() => this.roving());
    resized.observe(this.el);
    resized.observe(this.moreButton);
    this.roving();
  }

  /** Moves into the menu, in order, the movable parts the row has no room for (and back
   *  those it has room for again); wraps the row only when all are moved and it still
   *  does not fit. */
  private fit(): void {
    this.el.classList.remove("fl-wrap");
    for (const m of this.movable) m.classList.remove("fl-moved");
    const overflows = () => this.moreButton.getBoundingClientRect().right > this.el.getBoundingClientRect().right + 0.5;
    for (const m of this.movable) {
      if (!overflows()) break;
      m.classList.add("fl-moved");
    }
    if (overflows()) this.el.classList.add("fl-wrap");
    // A control that moved away takes the keyboard's place with it: it goes to the menu's button.
    if (document.activeElement?.closest(".fl-moved")) this.moreButton.focus();
    this.syncMirrors();
  }

  /** A moved button's menu item shows while the button would (not hidden: it applies to
   *  this program), disabled with it, checked as it is pressed. */
  private syncMirrors(): void {
    for (const { button, item } of this.mirrors) {
      item.hidden = button.hidden || !button.closest(".fl-moved");
      item.disabled = button.disabled;
      const pressed = button.getAttribute("aria-pressed");
      if (pressed !== null) item.setAttribute("aria-checked", pressed);
    }
  }

  /** The controls that take part in the roving focus (visible, enabled, not in the menu). */
  private controls(): HTMLElement[] {
    return Array.from(this.el.querySelectorAll<HTMLElement>("button, input, select"))
      .filter((c) => !this.menu.contains(c) && !c.closest("[hidden], .fl-moved") && !(c as HTMLButtonElement).disabled);
  }

  /** What fits the row, and one tab stop: the control focused last (or the first). Call
   *  after showing or hiding controls. */
  roving(): void {
    this.fit();
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
    // A chord (Ctrl+P, Ctrl+Shift+P, Alt+...) is the workbench's: VS Code hears the view's
    // keys only when they reach the window, so the toolbar never stops one.
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
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
    this.syncMirrors();
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
