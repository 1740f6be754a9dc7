// The view's page: timeline controls, the outside world's actions (clients, signals),
// the picture, the event list, the changes, exports and the text view. It only draws
// what the host sends and reports what the user asks for; the host owns the session.
import type { TimelineEntry } from "../render/events";
import { renderMarkdown } from "../render/markdown";
import { textView } from "../render/tables";
import { button, h, setOptions } from "./dom";
import { currentScheme, liveThemeVars, svgToPng } from "./export";
import { FigureView } from "./figure-dom";
import { ViewHistory } from "./history";
import { HostMessage, PROTOCOL_VERSION, VIEW_SIGNALS, ViewMessage } from "../contract/protocol";
import { QuestionForm } from "./question";
import { textTables } from "./texttables";

type Send = (m: ViewMessage) => void;

export const SHORTCUTS: Array<[string, string]> = [
  ["\u2192 or L", "step forward"], ["\u2190 or H", "step back"], ["Home / End", "first / last step"],
  ["] / [", "next / previous event"], ["E", "go to the event list"], ["C", "connect a client"],
  ["X", "close all clients"], ["S", "send a signal to the chosen process"], ["T", "text view on / off"], ["F", "fit the picture to the width, or actual size"],
  ["M", "copy as Markdown"], ["?", "show these shortcuts"],
];

export class App {
  /** The session history as the host sent it; empty until the first message. */
  readonly history = new ViewHistory();
  private readonly figure: FigureView;
  /** A lesson's question, asked above the tables it is about. */
  readonly question: QuestionForm;
  /** Event buttons by step, to mark the current step's without a search. */
  private readonly eventButtons = new Map<number, HTMLButtonElement[]>();
  private marked: HTMLButtonElement[] = [];
  private resyncAsked = false;
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
    this.question = new QuestionForm(send, this.el.figure);
    const e = this.el;
    setOptions(e.signal, VIEW_SIGNALS.map((s) => [s, s]));
    e.scrub.addEventListener("change", () => this.goto(Number(e.scrub.value)));
    e.line.addEventListener("keydown", (ev) => { if (ev.key === "Enter") this.sendLine(); });
    e.textToggle = button("Text view", "Text view of the tables", "T", () => this.toggleText(), { "aria-pressed": "false" });
    e.help.append(h("h2", { text: "Keyboard shortcuts" }),
      h("dl", {}, ...SHORTCUTS.flatMap(([k, what]) => [h("dt", { text: k }), h("dd", { text: what })])));
    const timeline = h("div", { class: "fl-bar", role: "toolbar", "aria-label": "Timeline" },
      button("|\u25c0", "First step", "Home", () => this.goto(0)),
      button("\u25c0", "Step back", "ArrowLeft", () => this.send({ v: PROTOCOL_VERSION, type: "back" })),
      button("\u25b6", "Step forward", "ArrowRight", () => this.send({ v: PROTOCOL_VERSION, type: "step" })),
      button("\u25b6|", "Last step", "End", () => this.goto(this.steps() - 1)),
      e.scrub, e.stepInfo,
      button("[", "Previous event", "[", () => this.jumpEvent(-1)),
      button("]", "Next event", "]", () => this.jumpEvent(1)));
    const world = h("div", { class: "fl-bar", role: "toolbar", "aria-label": "Outside world: clients and signals" },
      button("Connect client", "Connect a client", "C", () => this.send({ v: PROTOCOL_VERSION, type: "connect" })),
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
    root.append(h("header", { class: "fl-top" }, timeline, world, exports), e.help, e.notice, this.question.el,
      h("main", { class: "fl-main" }, e.figure, side));
    this.figure.placeholder("Waiting for a session: open a C file and step it, or run a demo");
    document.addEventListener("keydown", (ev) => this.onKey(ev));
    e.events.addEventListener("keydown", (ev) => this.onEventListKey(ev));
  }

  private steps(): number {
    return Math.max(1, this.history.length);
  }

  private goto(step: number): void {
    if (!this.history.length) return;
    const s = Math.max(0, Math.min(this.steps() - 1, step));
    if (s !== this.history.current) this.send({ v: PROTOCOL_VERSION, type: "goto", step: s });
  }

  private jumpEvent(dir: 1 | -1): void {
    const ev = this.history.events;
    for (let i = this.history.current + dir; i >= 0 && i < ev.length; i += dir) {
      if (ev[i].length) { this.goto(i); return; }
    }
  }

  private sendLine(): void {
    const client = Number(this.el.client.value);
    if (!client) { this.notice("Connect a client first."); return; }
    this.send({ v: PROTOCOL_VERSION, type: "send", client, line: this.el.line.value });
    this.el.line.value = "";
  }

  private closeClient(all: boolean): void {
    const client = Number(this.el.client.value);
    if (all) this.send({ v: PROTOCOL_VERSION, type: "close", client: "all" });
    else if (client) this.send({ v: PROTOCOL_VERSION, type: "close", client });
    else this.notice("No client to close.");
  }

  private sendSignal(): void {
    const pid = Number(this.el.proc.value);
    if (!pid) { this.notice("No process to signal."); return; }
    this.send({ v: PROTOCOL_VERSION, type: "signal", pid, signal: this.el.signal.value });
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
    const hist = this.history;
    if (hist.length && !this.el.text.hidden) this.el.text.replaceChildren(textTables(textView(hist.snapshot(), hist.previous(), hist.terminalAt())));
  }

  notice(text: string): void {
    this.el.notice.textContent = text;
  }

  private exportSvg(): void {
    const scheme = currentScheme();
    const svg = this.figure.standalone({ scheme, vars: liveThemeVars(scheme) });
    if (svg) this.send({ v: PROTOCOL_VERSION, type: "export", format: "svg", data: svg });
  }

  private async exportPng(): Promise<void> {
    const scheme = currentScheme();
    const fig = this.figure.figure;
    if (!fig) return;
    try {
      const png = await svgToPng(this.figure.standalone({ scheme, vars: liveThemeVars(scheme) }), fig.width, fig.height);
      this.send({ v: PROTOCOL_VERSION, type: "export", format: "png", data: png });
    } catch (err) {
      this.notice(`PNG export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private exportMarkdown(): void {
    const hist = this.history;
    if (hist.length) this.send({ v: PROTOCOL_VERSION, type: "export", format: "markdown", data: renderMarkdown(hist.snapshot(), hist.previous(), hist.terminalAt()) });
  }

  /** Takes a host message; false when it was refused (the reason is in the notice). */
  receive(m: HostMessage): boolean {
    if (m.type === "notice") { this.notice(m.text); return true; }
    if (m.type === "question") { this.question.ask(m); return true; }
    if (m.type === "verdict") return this.question.show(m);
    const r = this.history.apply(m);
    if ("problem" in r) {
      this.notice(`Ignored a message from the extension: ${r.problem}`);
      // Steps the view lacks (say, a message lost during a reload): ask for all of them, once.
      if (!this.resyncAsked && m.from > 0) { this.resyncAsked = true; this.send({ v: PROTOCOL_VERSION, type: "ready" }); }
      return false;
    }
    this.resyncAsked = false;
    this.draw();
    this.drawEvents(r.changedFrom);
    this.markCurrentEvents(this.history.current);
    return true;
  }

  private draw(): void {
    const e = this.el;
    const hist = this.history;
    const snap = hist.snapshot();
    const fig = this.figure.render(snap, hist.previous(), hist.terminalAt());
    const lastStep = hist.snapshot(hist.length - 1).step;
    e.scrub.max = String(this.steps() - 1);
    e.scrub.value = String(hist.current);
    e.scrub.disabled = this.steps() < 2;
    e.scrub.setAttribute("aria-valuetext", `step ${snap.step} of ${lastStep}`);
    e.stepInfo.textContent = `${hist.title ? hist.title + " \u00b7 " : ""}step ${snap.step} / ${lastStep}`;
    if (hist.dropped) this.notice(`The first ${hist.dropped} step${hist.dropped > 1 ? "s are" : " is"} no longer kept (the history was too long); the terminal still shows their output.`);
    e.changes.replaceChildren(...(fig.changes.length ? fig.changes : ["nothing in the tables"]).map((t) => h("li", { text: t })));
    const clients = snap.processes.filter((p) => p.kind === "client");
    setOptions(e.client, clients.length ? clients.map((p) => [String(p.pid), `${p.name} (${p.pid})`]) : [["", "no clients"]]);
    const live = snap.processes.filter((p) => p.state !== "zombie" && p.kind === "program");
    setOptions(e.proc, live.map((p) => [String(p.pid), `${p.pid} ${p.name}`]));
    this.drawText();
  }

  /** Brings the event list in line with the history from step `from` on (older entries stay). */
  private drawEvents(from: number): void {
    const list = this.el.events;
    for (const [step, buttons] of this.eventButtons) {
      if (step < from) continue;
      for (const b of buttons) b.parentElement?.remove();
      this.eventButtons.delete(step);
    }
    const items: HTMLElement[] = [];
    this.history.events.slice(from).forEach((entries) => entries.forEach((t) => items.push(this.eventItem(t))));
    list.querySelector(".fl-muted")?.remove();
    list.append(...items);
    if (!list.firstElementChild) list.append(h("li", { class: "fl-muted", text: "no events yet" }));
    if (!list.querySelector("button[tabindex='0']")) {
      const first = list.querySelector("button");
      if (first) first.tabIndex = 0;
    }
  }

  private eventItem(t: TimelineEntry): HTMLElement {
    const b = h("button", { type: "button", class: `fl-ev fl-ev-${t.kind}`, "data-step": t.step, tabindex: -1 },
      h("span", { class: "fl-ev-step", text: String(t.step) }), " ", t.text);
    b.addEventListener("click", () => this.goto(t.step));
    const at = this.eventButtons.get(t.step);
    if (at) at.push(b);
    else this.eventButtons.set(t.step, [b]);
    return h("li", {}, b);
  }

  private markCurrentEvents(step: number): void {
    for (const b of this.marked) b.removeAttribute("aria-current");
    this.marked = this.eventButtons.get(step) ?? [];
    for (const b of this.marked) b.setAttribute("aria-current", "step");
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
      ArrowRight: () => this.send({ v: PROTOCOL_VERSION, type: "step" }), l: () => this.send({ v: PROTOCOL_VERSION, type: "step" }),
      ArrowLeft: () => this.send({ v: PROTOCOL_VERSION, type: "back" }), h: () => this.send({ v: PROTOCOL_VERSION, type: "back" }),
      Home: () => this.goto(0), End: () => this.goto(this.steps() - 1),
      "]": () => this.jumpEvent(1), "[": () => this.jumpEvent(-1),
      e: () => (this.el.events.querySelector<HTMLButtonElement>("button[tabindex='0']") ?? this.el.events.querySelector("button"))?.focus(),
      c: () => this.send({ v: PROTOCOL_VERSION, type: "connect" }), x: () => this.closeClient(true), s: () => this.sendSignal(),
      t: () => this.toggleText(), f: () => this.toggleFit(), m: () => this.exportMarkdown(), "?": () => { this.el.help.hidden = !this.el.help.hidden; },
    };
    const run = act[ev.key.length === 1 ? ev.key.toLowerCase() : ev.key] ?? act[ev.key];
    if (!run) return;
    ev.preventDefault();
    run();
  }
}
