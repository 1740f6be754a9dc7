// The view's page: timeline controls, the outside world's actions (clients, signals),
// the picture, the event list, the changes, exports and the text view. It only draws
// what the host sends and reports what the user asks for; the host owns the session.
import type { Snapshot } from "../kernel/snapshot";
import type { TimelineEntry } from "../render/events";
import { renderMarkdown } from "../render/markdown";
import { textView } from "../render/tables";
import { button, h, setOptions } from "./dom";
import { currentScheme, liveThemeVars, svgToPng } from "./export";
import { FigureView } from "./figure-dom";
import { HostMessage, VIEW_SIGNALS, ViewMessage } from "./protocol";
import { textTables } from "./texttables";

type Show = Extract<HostMessage, { type: "show" }>;
type Send = (m: ViewMessage) => void;

export const SHORTCUTS: Array<[string, string]> = [
  ["\u2192 or L", "step forward"], ["\u2190 or H", "step back"], ["Home / End", "first / last step"],
  ["] / [", "next / previous event"], ["E", "go to the event list"], ["C", "connect a client"],
  ["X", "close all clients"], ["S", "send a signal to the chosen process"], ["T", "text view on / off"], ["F", "fit the picture to the width, or actual size"],
  ["M", "copy as Markdown"], ["?", "show these shortcuts"],
];

export class App {
  private show: Show | undefined;
  private readonly figure: FigureView;
  private readonly el = {
    stepInfo: h("span", { class: "fl-stepinfo", "aria-live": "polite", text: "No session yet" }),
    scrub: h("input", { type: "range", min: 0, max: 0, value: 0, "aria-label": "Scrub to step", disabled: true }),
    client: h("select", { "aria-label": "Client" }),
    line: h("input", { type: "text", placeholder: "a line to send", "aria-label": "Line to send", maxlength: 200 }),
    proc: h("select", { "aria-label": "Process to signal" }),
    signal: h("select", { "aria-label": "Signal" }),
    events: h("ul", { class: "fl-events", "aria-label": "Events: fork, close, exit, signal" }),
    changes: h("ul", { class: "fl-changes", "aria-live": "polite" }),
    figure: h("div", { class: "fl-figure-wrap fl-fit", tabindex: 0, role: "region", "aria-label": "Descriptor tables, open file table and v-node table" }),
    picture: h("div", { class: "fl-picture" }),
    text: h("section", { class: "fl-textview", "aria-label": "Text view", hidden: true }),
    help: h("section", { class: "fl-help", "aria-label": "Keyboard shortcuts", hidden: true }),
    notice: h("div", { class: "fl-notice", role: "status" }),
    textToggle: h("button"),
  };

  constructor(root: HTMLElement, private readonly send: Send) {
    this.figure = new FigureView(this.el.picture, this.el.figure);
    const e = this.el;
    setOptions(e.signal, VIEW_SIGNALS.map((s) => [s, s]));
    e.scrub.addEventListener("change", () => this.goto(Number(e.scrub.value)));
    e.line.addEventListener("keydown", (ev) => { if (ev.key === "Enter") this.sendLine(); });
    e.textToggle = button("Text view", "Text view of the tables", "T", () => this.toggleText(), { "aria-pressed": "false" });
    e.help.append(h("h2", { text: "Keyboard shortcuts" }),
      h("dl", {}, ...SHORTCUTS.flatMap(([k, what]) => [h("dt", { text: k }), h("dd", { text: what })])));
    const timeline = h("div", { class: "fl-bar", role: "toolbar", "aria-label": "Timeline" },
      button("|\u25c0", "First step", "Home", () => this.goto(0)),
      button("\u25c0", "Step back", "ArrowLeft", () => this.send({ v: 1, type: "back" })),
      button("\u25b6", "Step forward", "ArrowRight", () => this.send({ v: 1, type: "step" })),
      button("\u25b6|", "Last step", "End", () => this.goto(this.steps() - 1)),
      e.scrub, e.stepInfo,
      button("[", "Previous event", "[", () => this.jumpEvent(-1)),
      button("]", "Next event", "]", () => this.jumpEvent(1)));
    const world = h("div", { class: "fl-bar", role: "toolbar", "aria-label": "Outside world: clients and signals" },
      button("Connect client", "Connect a client", "C", () => this.send({ v: 1, type: "connect" })),
      e.client, e.line,
      button("Send line", "Send the line from the chosen client", "Enter", () => this.sendLine()),
      button("Close", "Close the chosen client", "", () => this.closeClient(false)),
      button("Close all", "Close all clients at once", "X", () => this.closeClient(true)),
      h("span", { class: "fl-sep" }), e.proc, e.signal,
      button("Send signal", "Send the signal to the chosen process", "S", () => this.sendSignal()));
    const exports = h("div", { class: "fl-bar", role: "toolbar", "aria-label": "Export" },
      button("Save SVG", "Save the picture as SVG", "", () => this.exportSvg()),
      button("Save PNG", "Save the picture as PNG", "", () => void this.exportPng()),
      button("Copy Markdown", "Copy the tables as Markdown", "M", () => this.exportMarkdown()),
      e.textToggle,
      button("Fit width", "Fit the picture to the width", "F", () => this.toggleFit(), { "aria-pressed": "true", "data-fit": true }),
      button("?", "Keyboard shortcuts", "?", () => { e.help.hidden = !e.help.hidden; }));
    const side = h("aside", { class: "fl-side", "aria-label": "Changes and events" },
      h("h2", { text: "Changed in this step" }), e.changes, h("h2", { text: "Events" }), e.events);
    e.figure.append(e.picture, e.text);
    root.append(h("header", { class: "fl-top" }, timeline, world, exports), e.help, e.notice,
      h("main", { class: "fl-main" }, e.figure, side));
    document.addEventListener("keydown", (ev) => this.onKey(ev));
    e.events.addEventListener("keydown", (ev) => this.onEventListKey(ev));
  }

  private steps(): number {
    return this.show?.steps ?? 1;
  }

  private goto(step: number): void {
    if (!this.show) return;
    const s = Math.max(0, Math.min(this.steps() - 1, step));
    if (s !== this.show.snapshot.step) this.send({ v: 1, type: "goto", step: s });
  }

  private jumpEvent(dir: 1 | -1): void {
    if (!this.show) return;
    const cur = this.show.snapshot.step;
    const steps = this.show.timeline.map((t) => t.step);
    const target = dir > 0 ? steps.find((s) => s > cur) : [...steps].reverse().find((s) => s < cur);
    if (target !== undefined) this.goto(target);
  }

  private sendLine(): void {
    const client = Number(this.el.client.value);
    if (!client) { this.notice("Connect a client first."); return; }
    this.send({ v: 1, type: "send", client, line: this.el.line.value });
    this.el.line.value = "";
  }

  private closeClient(all: boolean): void {
    const client = Number(this.el.client.value);
    if (all) this.send({ v: 1, type: "close", client: "all" });
    else if (client) this.send({ v: 1, type: "close", client });
    else this.notice("No client to close.");
  }

  private sendSignal(): void {
    const pid = Number(this.el.proc.value);
    if (!pid) { this.notice("No process to signal."); return; }
    this.send({ v: 1, type: "signal", pid, signal: this.el.signal.value });
  }

  private toggleText(): void {
    const t = this.el.text;
    t.hidden = !t.hidden;
    this.el.textToggle.setAttribute("aria-pressed", String(!t.hidden));
    if (!t.hidden) this.drawText();
  }

  private toggleFit(): void {
    const on = this.el.figure.classList.toggle("fl-fit");
    document.querySelector("[data-fit]")?.setAttribute("aria-pressed", String(on));
  }

  private drawText(): void {
    if (this.show && !this.el.text.hidden) this.el.text.replaceChildren(textTables(textView(this.show.snapshot, this.show.previous)));
  }

  notice(text: string): void {
    this.el.notice.textContent = text;
  }

  private exportSvg(): void {
    const scheme = currentScheme();
    const svg = this.figure.standalone({ scheme, vars: liveThemeVars(scheme) });
    if (svg) this.send({ v: 1, type: "export", format: "svg", data: svg });
  }

  private async exportPng(): Promise<void> {
    const scheme = currentScheme();
    const fig = this.figure.figure;
    if (!fig) return;
    try {
      const png = await svgToPng(this.figure.standalone({ scheme, vars: liveThemeVars(scheme) }), fig.width, fig.height);
      this.send({ v: 1, type: "export", format: "png", data: png });
    } catch (err) {
      this.notice(`PNG export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private exportMarkdown(): void {
    if (this.show) this.send({ v: 1, type: "export", format: "markdown", data: renderMarkdown(this.show.snapshot, this.show.previous) });
  }

  receive(m: HostMessage): void {
    if (m.type === "notice") { this.notice(m.text); return; }
    const timelineChanged = !this.show || this.show.timeline !== m.timeline;
    this.show = m;
    this.draw(m.snapshot, m.previous);
    if (timelineChanged) this.drawEvents(m.timeline);
    this.markCurrentEvents(m.snapshot.step);
  }

  private draw(snap: Snapshot, previous?: Snapshot): void {
    const e = this.el;
    const fig = this.figure.render(snap, previous);
    e.scrub.max = String(this.steps() - 1);
    e.scrub.value = String(snap.step);
    e.scrub.disabled = this.steps() < 2;
    e.scrub.setAttribute("aria-valuetext", `step ${snap.step} of ${this.steps() - 1}`);
    e.stepInfo.textContent = `${this.show?.title ? this.show.title + " \u00b7 " : ""}step ${snap.step} / ${this.steps() - 1}`;
    e.changes.replaceChildren(...(fig.changes.length ? fig.changes : ["nothing in the tables"]).map((t) => h("li", { text: t })));
    const clients = snap.processes.filter((p) => p.kind === "client");
    setOptions(e.client, clients.length ? clients.map((p) => [String(p.pid), `${p.name} (${p.pid})`]) : [["", "no clients"]]);
    const live = snap.processes.filter((p) => p.state !== "zombie" && p.kind === "program");
    setOptions(e.proc, live.map((p) => [String(p.pid), `${p.pid} ${p.name}`]));
    this.drawText();
  }

  private drawEvents(timeline: TimelineEntry[]): void {
    const items = timeline.map((t) => {
      const b = h("button", { type: "button", class: `fl-ev fl-ev-${t.kind}`, "data-step": t.step, tabindex: -1 },
        h("span", { class: "fl-ev-step", text: String(t.step) }), " ", t.text);
      b.addEventListener("click", () => this.goto(t.step));
      return h("li", {}, b);
    });
    this.el.events.replaceChildren(...(items.length ? items : [h("li", { class: "fl-muted", text: "no events yet" })]));
    const first = this.el.events.querySelector("button");
    if (first) first.tabIndex = 0;
  }

  private markCurrentEvents(step: number): void {
    for (const b of Array.from(this.el.events.querySelectorAll<HTMLButtonElement>("button[data-step]"))) {
      if (Number(b.dataset.step) === step) b.setAttribute("aria-current", "step");
      else b.removeAttribute("aria-current");
    }
  }

  /** Up and Down move through the event list (one tab stop for the whole list). */
  private onEventListKey(ev: KeyboardEvent): void {
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
    const all = Array.from(this.el.events.querySelectorAll<HTMLButtonElement>("button"));
    const i = all.indexOf(document.activeElement as HTMLButtonElement);
    const next = all[Math.max(0, Math.min(all.length - 1, i + (ev.key === "ArrowDown" ? 1 : -1)))];
    if (!next) return;
    for (const b of all) b.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
    ev.preventDefault();
    ev.stopPropagation();
  }

  private onKey(ev: KeyboardEvent): void {
    const t = ev.target as HTMLElement | null;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) return;
    const act: Record<string, () => void> = {
      ArrowRight: () => this.send({ v: 1, type: "step" }), l: () => this.send({ v: 1, type: "step" }),
      ArrowLeft: () => this.send({ v: 1, type: "back" }), h: () => this.send({ v: 1, type: "back" }),
      Home: () => this.goto(0), End: () => this.goto(this.steps() - 1),
      "]": () => this.jumpEvent(1), "[": () => this.jumpEvent(-1),
      e: () => (this.el.events.querySelector<HTMLButtonElement>("button[tabindex='0']") ?? this.el.events.querySelector("button"))?.focus(),
      c: () => this.send({ v: 1, type: "connect" }), x: () => this.closeClient(true), s: () => this.sendSignal(),
      t: () => this.toggleText(), f: () => this.toggleFit(), m: () => this.exportMarkdown(), "?": () => { this.el.help.hidden = !this.el.help.hidden; },
    };
    const run = act[ev.key.length === 1 ? ev.key.toLowerCase() : ev.key] ?? act[ev.key];
    if (!run) return;
    ev.preventDefault();
    run();
  }
}
