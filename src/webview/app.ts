// The view's page: one toolbar row (timeline, the outside world's actions, display), the
// picture, the program's terminal output under it, and beside or under the picture the
// step's changes and the event list. It only draws what the host sends and reports what
// the user asks for; the host owns the session.
import type { TimelineEntry } from "../render/events";
import { renderMarkdown } from "../render/markdown";
import { textView } from "../render/tables";
import { ConsoleStrip } from "./console";
import { afterPaint, h, setAttr, setItems, setText } from "./dom";
import { currentScheme, liveThemeVars, svgToPng } from "./export";
import { FigureView } from "./figure-dom";
import { ViewHistory } from "./history";
import { SliderMarks } from "./marks";
import { HostMessage, NoticeLasts, PROTOCOL_VERSION, ViewAction, ViewMessage, ZOOM_MAX, ZoomStep } from "../contract/protocol";
import { nextZoom, zoomOf } from "../contract/zoom";
import { Notice } from "./notice";
import { QuestionForm } from "./question";
import { textTables } from "./texttables";
import { Toolbar, iconButton, setPressed } from "./toolbar";
import { Tray } from "./tray";
import { TypeIn } from "./typein";
import { layoutWidth } from "../render/geometry";

type Send = (m: ViewMessage) => void;

/** Keys that act while the picture has focus (single letters act nowhere else). */
export const SHORTCUTS: Array<[string, string]> = [
  ["\u2192 or L", "step forward: the next line, or the recorded step after a step back"], ["\u2190 or H", "step back"], ["Home / End", "first / last recorded step"],
  ["] / [", "next / previous event"], ["E", "go to the event list"], ["P", "step or signal a chosen process"], ["C", "connect a client"], ["I", "type a line for the terminal (while a process reads it)"],
  ["T", "text view on / off"], ["F", "fit the picture to the width, or the zoom"], ["M", "copy as Markdown"], ["?", "show these keys"],
  ["Ctrl+= / Ctrl+-", "zoom in / out (anywhere in the view)"], ["Ctrl+0", "reset the zoom: the picture fitted to the width again"],
];

/** The messages that act on the session: none goes once the session is over. */
const SESSION_ACTIONS: ReadonlySet<string> = new Set<ViewAction["type"]>(["step", "back", "goto", "connect", "send", "close", "signal", "ttyInput"]);

/** How long the zoom rests before the host is told (it writes the setting once a burst
 *  of presses settles, so none is lost to a write still under way). */
const ZOOM_SETTLE_MS = 250;
/** The scale below which fitting three columns is too small to read (12px text at 10.8px):
 *  a narrower pane gets the two-column layout. */
const READABLE = 0.9;
/** The presentation layout's least scale: 12-unit text at 16 px. */
const PRESENT = 4 / 3;

export class App {
  /** The session history as the host sent it; empty until the first message. */
  readonly history = new ViewHistory();
  private readonly figure: FigureView;
  /** A lesson's question, asked above the tables it is about. */
  readonly question: QuestionForm;
  private readonly toolbar: Toolbar;
  private readonly tray: Tray;
  private readonly console = new ConsoleStrip();
  /** The terminal's keyboard, while a process reads it. */
  private readonly typeIn: TypeIn;
  private readonly marks = new SliderMarks();
  /** Event buttons by step, to mark the current step's without a search. */
  private readonly eventButtons = new Map<number, HTMLButtonElement[]>();
  private marked: HTMLButtonElement[] = [];
  /** The earliest step whose events the list does not show yet (eventsLater). */
  private eventsFrom: number | undefined;
  private resyncAsked = false;
  private fit = true;
  private zoom = 1;
  /** The scale the picture is drawn at now (the zoom, or the fitted scale). */
  private scale = 1;
  /** The learner's zoom not yet told to the host; until it is, the host's older value is not taken. */
  private zoomTimer: ReturnType<typeof setTimeout> | undefined;
  private presentation = false;
  /** Where the picture's pane was scrolled when the text view came on (it goes back there). */
  private textFrom = 0;
  /** The side list's choice (on or off by hand, or neither) before the presentation layout. */
  private sideBefore: { on: boolean; off: boolean } | undefined;
  /** What the notice is about (when it goes: notice.ts). */
  private readonly noticeLine: Notice;
  /** The snapshot on screen: another one means the picture moved (its notices go). */
  private shown: object | undefined;
  /** The dropped-steps count the notice last reported. */
  private saidDropped = 0;
  /** The step last announced, so a redraw of the same step says nothing. */
  private announced = -1;
  /** The program has sockets (in any step): the client controls apply. */
  private sockets = false;
  /** The picture pane's width in CSS pixels, as the ResizeObserver last reported it
   *  (undefined until its first report). Reading clientWidth instead would force a
   *  synchronous layout of the just-patched picture on every update. */
  private paneWidth: number | undefined;
  private readonly el = {
    stepInfo: h("span", { class: "fl-stepinfo", text: "No session yet" }),
    scrub: h("input", { type: "range", min: 0, max: 0, value: 0, "aria-label": "Step", disabled: true }),
    zoomInfo: h("span", { class: "fl-zoominfo", text: "fit" }),
    events: h("ul", { class: "fl-events", "aria-label": "Events: fork, close, exit, signal" }),
    changes: h("ul", { class: "fl-changes" }),
    figure: h("div", { class: "fl-figure-wrap", tabindex: 0, role: "region", "aria-label": "Picture of the kernel's tables (keys: arrows step, T text view, ? all keys)" }),
    picture: h("div", { class: "fl-picture" }),
    // Focusable by the view only: T moves focus here (and T here hides it again).
    text: h("section", { class: "fl-textview", "aria-label": "Text view of the tables", tabindex: -1, hidden: true }),
    // Focusable: it scrolls when the view is short.
    help: h("section", { class: "fl-help", "aria-label": "Keys", tabindex: 0, hidden: true }),
    announce: h("div", { class: "fl-sr", "aria-live": "polite", "aria-atomic": "true" }),
    side: h("aside", { class: "fl-side", "aria-label": "Changes and events" }),
  };
  private readonly tools: Record<string, HTMLButtonElement>;
  /** Why the session shown is over (the host said "ended"), until a history comes again. */
  private over: string | undefined;
  /** The file shown was not started (a compile error), until a history comes. */
  private notStarted = false;
  private readonly send: Send;

  constructor(root: HTMLElement, send: Send) {
    // A session that is over hears nothing: the picture stays, its actions go nowhere.
    this.send = (m) => { if (this.over === undefined || !SESSION_ACTIONS.has(m.type)) send(m); else this.say(this.over); };
    this.figure = new FigureView(this.el.picture, this.el.figure);
    this.question = new QuestionForm(this.send, this.el.figure);
    this.noticeLine = new Notice(() => this.el.figure.focus());
    this.tray = new Tray(this.send, (t) => this.notice(t));
    this.typeIn = new TypeIn(this.send, () => this.el.figure.focus(), (t) => this.say(t));
    const e = this.el;
    e.scrub.addEventListener("input", () => this.goto(Number(e.scrub.value)));
    const closeHelp = h("button", { type: "button", class: "fl-close", "aria-label": "Close the keys", title: "Close (Escape)" },
      h("span", { class: "codicon codicon-close", "aria-hidden": "true" }));
    closeHelp.addEventListener("click", () => this.closeHelp());
    e.help.append(h("div", { class: "fl-help-head" }, h("h2", { text: "Keys (while the picture has focus)" }), closeHelp),
      h("dl", {}, ...SHORTCUTS.flatMap(([k, what]) => [h("dt", { text: k }), h("dd", { text: what })])));
    this.tools = {
      first: iconButton({ icon: "debug-reverse-continue", label: "First step", key: "Home", run: () => this.goto(0) }),
      back: iconButton({ icon: "debug-step-back", label: "Step back", key: "\u2190", run: () => this.back() }),
      forward: iconButton({ icon: "debug-step-over", label: "Step forward", key: "\u2192", run: () => this.forward() }),
      last: iconButton({ icon: "debug-continue", label: "Last recorded step", key: "End", run: () => this.goto(this.steps() - 1) }),
      process: iconButton({ icon: "server-process", label: "Step or signal a chosen process", key: "P", run: () => this.tray.toggle("process"), pressed: false }),
      connect: iconButton({ icon: "plug", label: "Connect a client", key: "C", run: () => this.send({ v: PROTOCOL_VERSION, type: "connect" }) }),
      clients: iconButton({ icon: "person", label: "Send a line or close clients", run: () => this.tray.toggle("clients"), pressed: false }),
      text: iconButton({ icon: "preview", label: "Text view of the tables", key: "T", run: () => this.toggleText(), pressed: false }),
      side: iconButton({ icon: "list-unordered", label: "Changes and events list", run: () => this.toggleSide(), pressed: false }),
      fit: iconButton({ icon: "arrow-both", label: "Fit the picture to the width", key: "F", run: () => this.toggleFit(), pressed: true }),
      zoomOut: iconButton({ icon: "zoom-out", label: "Zoom out", key: "Ctrl+-", run: () => this.zoomStep("out") }),
      zoomIn: iconButton({ icon: "zoom-in", label: "Zoom in", key: "Ctrl+=", run: () => this.zoomStep("in") }),
    };
    this.tray.bind("process", this.tools.process);
    this.tray.bind("clients", this.tools.clients);
    const t = this.tools;
    const slider = h("div", { class: "fl-slider" }, e.scrub, this.marks.el);
    const zoom = h("span", { class: "fl-group" }, t.zoomOut, e.zoomInfo, t.zoomIn);
    this.toolbar = new Toolbar("Fork Lab view", [
      t.first, t.back, t.forward, t.last, slider, e.stepInfo, h("span", { class: "fl-sep" }),
      t.process, t.connect, t.clients, h("span", { class: "fl-sep" }),
      t.text, t.side, t.fit, zoom,
    ], [
      { label: "Previous event", key: "[", run: () => this.jumpEvent(-1) },
      { label: "Next event", key: "]", run: () => this.jumpEvent(1) },
      { label: "Close all clients", run: () => this.tray.closeClient(true) },
      { label: "Save the picture as SVG", run: () => this.exportSvg() },
      { label: "Save the picture as PNG", run: () => void this.exportPng() },
      { label: "Copy the tables as Markdown", key: "M", run: () => this.exportMarkdown() },
      // The host's command: it also makes room (side bar, panel) and keeps the layout.
      { label: "Presentation layout on / off", run: () => this.send({ v: PROTOCOL_VERSION, type: "presentation" }) },
      { label: "Keys", key: "?", run: () => this.toggleHelp() },
    // A narrow view moves these into the menu, the first first: stepping stays on the row.
    ], [zoom, t.fit, t.side, t.text, t.clients, t.connect, t.process]);
    e.side.append(h("h2", { text: "Changed in this step" }), e.changes, h("h2", { text: "Events" }), e.events);
    e.figure.append(e.picture, e.text);
    // The page takes the picture's inks (render/style.ts): its muted text is the picture's.
    root.classList.add("fl-page");
    // The question and the picture share .fl-work: one above the other, or side by side
    // while the question does not fit above the picture (question.ts, fit).
    // The keys lie over the question and the picture (media/view.css), first in .fl-work:
    // Shift+Tab from the picture reaches them.
    root.append(h("header", { class: "fl-top" }, this.toolbar.el), this.tray.el, this.noticeLine.el,
      h("div", { class: "fl-work" }, e.help, this.question.el,
        h("main", { class: "fl-main" }, h("div", { class: "fl-stage" }, e.figure, this.console.el, this.typeIn.el), e.side)), e.announce);
    this.showSockets(false);
    this.syncControls();
    this.figure.placeholder("Waiting for a session: open a C file and step it, or run a demo");
    e.figure.addEventListener("keydown", (ev) => this.onPictureKey(ev));
    e.text.addEventListener("keydown", (ev) => this.onTextKey(ev));
    document.addEventListener("keydown", (ev) => this.onZoomKey(ev));
    // Escape closes the keys wherever focus is, unless a menu, form or notice took it first.
    document.addEventListener("keydown", (ev) => {
      if (ev.key !== "Escape" || ev.defaultPrevented || this.el.help.hidden) return;
      ev.preventDefault();
      this.closeHelp();
    });
    e.events.addEventListener("keydown", (ev) => this.onEventListKey(ev));
    // The view's size, for the host (the presentation layout measures with it), once it settles.
    let sizeTimer: ReturnType<typeof setTimeout> | undefined;
    const tellSize = () => this.send({ v: PROTOCOL_VERSION, type: "size", width: window.innerWidth, height: window.innerHeight });
    window.addEventListener("resize", () => { clearTimeout(sizeTimer); sizeTimer = setTimeout(tellSize, 100); });
    // The first size after "ready" (main.ts sends it once the view is built): ready comes first.
    sizeTimer = setTimeout(tellSize, 0);
    new ResizeObserver((entries) => {
      // The content box: the pane has no padding, so this is clientWidth without the rounding.
      for (const entry of entries) this.paneWidth = entry.contentRect.width;
      this.applyScale();
    }).observe(e.figure);
  }

  private steps(): number {
    return Math.max(1, this.history.length);
  }

  private goto(step: number): void {
    if (!this.history.length) return;
    const s = Math.max(0, Math.min(this.steps() - 1, step));
    if (s !== this.history.current) this.send({ v: PROTOCOL_VERSION, type: "goto", step: s });
  }

  private back(): void {
    this.send({ v: PROTOCOL_VERSION, type: "back" });
  }

  /** Forward: the recorded next step when there is one, else a new line. */
  private forward(): void {
    this.send({ v: PROTOCOL_VERSION, type: "step" });
  }

  private jumpEvent(dir: 1 | -1): void {
    const ev = this.history.events;
    for (let i = this.history.current + dir; i >= 0 && i < ev.length; i += dir) {
      if (ev[i].length) { this.goto(i); return; }
    }
  }

  /** The text view on or off. It lies under the picture, below the pane's fold at any
   *  size: on, the pane scrolls to it and focus goes to it (a screen reader reads it next);
   *  off, the picture is scrolled as it was and has focus again if the text view had it. */
  private toggleText(): void {
    const t = this.el.text;
    const pane = this.el.figure;
    if (t.hidden) {
      this.textFrom = pane.scrollTop;
      t.hidden = false;
      setPressed(this.tools.text, true);
      this.drawText();
      pane.scrollTop += t.getBoundingClientRect().top - pane.getBoundingClientRect().top;
      t.focus({ preventScroll: true });
      this.say("Text view shown under the picture: every table as a table. T hides it.");
    } else {
      const inside = t.contains(document.activeElement);
      t.hidden = true;
      setPressed(this.tools.text, false);
      pane.scrollTop = this.textFrom;
      if (inside) pane.focus({ preventScroll: true });
      this.say("Text view hidden.");
    }
  }

  private toggleHelp(): void {
    if (this.el.help.hidden) {
      this.el.help.hidden = false;
      this.say("Keys shown over the picture; Escape closes them.");
    } else this.closeHelp();
  }

  /** Hides the keys; focus that was in them goes to the picture. */
  private closeHelp(): void {
    const inside = this.el.help.contains(document.activeElement);
    this.el.help.hidden = true;
    if (inside) this.el.figure.focus();
  }

  /** The side list: on or off by hand; until then, on when the view is wide. */
  private toggleSide(): void {
    const on = !this.sideShown();
    document.body.classList.toggle("fl-side-on", on);
    document.body.classList.toggle("fl-side-off", !on);
    setPressed(this.tools.side, on);
  }

  private sideShown(): boolean {
    return getComputedStyle(this.el.side).display !== "none";
  }

  private toggleFit(): void {
    this.setFit(!this.fit);
    this.applyScale();
  }

  /** One zoom step in or out from the scale shown (fitted or not): the picture at that zoom,
   *  not fitted. Or the reset (Ctrl+0): back to how the view starts, the picture fitted to
   *  the width at actual size or less (the setting forklab.view.zoom back to 1, as the reset
   *  command makes it with no view open). */
  zoomStep(by: ZoomStep): void {
    const z = nextZoom(this.scale, by);
    if (z === undefined) { this.say(by === "in" ? "Largest zoom." : "Smallest zoom."); return; }
    this.setFit(by === "reset");
    this.setZoom(z, true);
    if (by === "reset") this.say(`Zoom reset: ${this.el.zoomInfo.textContent ?? ""}, fitted to the width.`);
  }

  private setFit(on: boolean): void {
    this.fit = on;
    setPressed(this.tools.fit, on);
  }

  /** Zoom of the picture; `tell` when the learner changed it here (the host keeps it in the
   *  setting forklab.view.zoom, told once the presses settle). The controls, the terminal
   *  strip and the forms keep the workbench's size: at 50% they were 6.5 px and unreadable,
   *  and VS Code's own webview zoom (Ctrl+mouse wheel) already scales the whole page. */
  setZoom(z: number, tell = false): void {
    this.zoom = zoomOf(z);
    if (tell) {
      if (this.zoomTimer !== undefined) clearTimeout(this.zoomTimer);
      this.zoomTimer = setTimeout(() => {
        this.zoomTimer = undefined;
        this.send({ v: PROTOCOL_VERSION, type: "zoom", zoom: this.zoom });
      }, ZOOM_SETTLE_MS);
    }
    this.applyScale();
  }

  /** The host's display settings. A zoom the learner chose here and the host has not heard
   *  yet wins over the host's (older) one. */
  private display(zoom: number, presentation: boolean): void {
    if (this.zoomTimer === undefined) this.setZoom(zoom);
    this.setPresentation(presentation);
  }

  /** The presentation layout: the picture only (no lists, forms or terminal strip), text
   *  at least 16 px. */
  setPresentation(on: boolean): void {
    // Off puts back the side list as it was (the layout hid it; a click may have changed it).
    const body = document.body.classList;
    if (on && !this.presentation) this.sideBefore = { on: body.contains("fl-side-on"), off: body.contains("fl-side-off") };
    else if (!on && this.sideBefore) {
      body.toggle("fl-side-on", this.sideBefore.on);
      body.toggle("fl-side-off", this.sideBefore.off);
      setPressed(this.tools.side, this.sideShown());
      this.sideBefore = undefined;
    }
    this.presentation = on;
    document.body.classList.toggle("fl-present", on);
    this.applyScale();
  }

  /** The picture's layout and scale. Three columns when they fit the pane at the scale
   *  wanted (a readable one when fitting, else the zoom), two otherwise. The scale: the
   *  width when fitting, else the zoom. In the presentation layout the text is meant to be
   *  16 px (12-unit text at 4/3) or more: at the zoom when not fitting, never under 16 px;
   *  fitting, as large as the pane's width allows, which is under 16 px only in a window
   *  too narrow for it (at 1366x768 a 913 px view: 14.9 px, where 16 px would hide the
   *  v-nodes behind a horizontal scroll), and never under the readable scale. */
  private applyScale(): void {
    // Until the observer's first report (a message that comes before the first frame) the
    // width is read once from the layout.
    const room = Math.round(this.paneWidth ?? this.el.figure.clientWidth) - 2;
    const want = this.presentation ? Math.max(PRESENT, this.zoom) : this.fit ? Math.min(this.zoom, READABLE) : this.zoom;
    this.figure.setLayout(room > 0 && room < layoutWidth("wide") * want ? "narrow" : "wide");
    const fig = this.figure.figure;
    if (!fig) return;
    const fitted = room / fig.width;
    // Fitting shrinks a wide picture; it grows a small one only up to the zoom.
    let scale = this.fit && room > 0 ? Math.min(fitted, this.zoom) : this.zoom;
    if (this.presentation) scale = this.fit && room > 0 ? Math.max(Math.min(fitted, ZOOM_MAX), READABLE) : Math.max(scale, PRESENT);
    scale = Math.round(scale * 1000) / 1000;
    this.scale = scale;
    this.figure.setScale(scale);
    const pct = `${Math.round(scale * 100)}%`;
    setText(this.el.zoomInfo, this.fit && !this.presentation ? `fit ${pct}` : pct);
    const cols = this.figure.layout === "narrow" ? ", the tables in two columns" : "";
    setAttr(this.tools.fit, "title", this.fit
      ? `Fitted to the width: ${pct}${cols} (F: show at the zoom, ${Math.round(this.zoom * 100)}%)`
      : `Fit the picture to the width (F); now at ${pct}`);
  }

  private drawText(): void {
    const hist = this.history;
    if (hist.length && !this.el.text.hidden) this.el.text.replaceChildren(textTables(textView(hist.snapshot(), hist.previous(), hist.terminalAt())));
  }

  /** Shows a notice until what it is about is over (`lasts`: notice.ts). */
  notice(text: string, lasts: NoticeLasts = "step"): void {
    this.noticeLine.show(text, lasts);
  }

  /** After a history message: notices about what the picture no longer shows go; a
   *  history that lost its first steps says so (once per session and count). */
  private moved(session: boolean): void {
    const snap = this.history.snapshot();
    if (session || snap !== this.shown) this.noticeLine.moved(session);
    this.shown = snap;
    if (session) this.saidDropped = 0;
    const dropped = this.history.dropped;
    if (dropped && dropped !== this.saidDropped) {
      this.saidDropped = dropped;
      this.notice(`The first ${dropped} step${dropped > 1 ? "s are" : " is"} no longer kept (the history was too long); the terminal still shows their output.`, "session");
    }
  }

  /** Says something to a screen reader (a polite live region; the text is not shown). */
  private say(text: string): void {
    this.el.announce.textContent = text;
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
    if (m.type === "notice") {
      this.notice(m.text, m.lasts);
      // Predict first: the question's answers open again if the learner folded them away.
      if (m.lasts === "question") this.question.expand(true);
      return true;
    }
    if (m.type === "question") { this.question.ask(m); return true; }
    if (m.type === "unask") { this.question.clear(); this.noticeLine.questionOver(); return true; }
    if (m.type === "verdict") {
      if (!this.question.show(m)) return false;
      this.noticeLine.questionOver();
      return true;
    }
    if (m.type === "display") { this.display(m.zoom, m.presentation); return true; }
    if (m.type === "zoomStep") { this.zoomStep(m.by); return true; }
    if (m.type === "refused") { this.refused(m.title, m.text, m.line); return true; }
    if (m.type === "ended") { this.ended(m.text); return true; }
    const r = this.history.apply(m);
    if ("problem" in r) {
      this.notice(`Ignored a message from the extension: ${r.problem}`);
      // Steps the view lacks (say, a message lost during a reload): ask for all of them, once.
      if (!this.resyncAsked && m.from > 0) { this.resyncAsked = true; this.send({ v: PROTOCOL_VERSION, type: "ready" }); }
      return false;
    }
    this.resyncAsked = false;
    // A history after the session was over is another session's (an ended one never steps
    // again), even when its first steps are the old one's (the same file started again).
    const another = r.changedFrom === 0 || this.over !== undefined;
    this.notStarted = false;
    if (this.over !== undefined) this.live();
    this.moved(another);
    this.noteSockets(r.changedFrom);
    this.draw();
    this.marks.draw(this.history.steps, r.changedFrom);
    this.eventsLater(r.changedFrom);
    return true;
  }

  private draw(): void {
    const e = this.el;
    const hist = this.history;
    const snap = hist.snapshot();
    const fig = this.figure.render(snap, hist.previous(), hist.terminalAt());
    this.applyScale();
    const last = hist.length - 1;
    const lastStep = hist.snapshot(last).step;
    // Only what differs: each write re-lays out its box on every step.
    if (e.scrub.max !== String(this.steps() - 1)) e.scrub.max = String(this.steps() - 1);
    if (e.scrub.value !== String(hist.current)) e.scrub.value = String(hist.current);
    const future = last - hist.current;
    const where = `step ${snap.step} of ${lastStep}${future ? ` (${future} recorded after it)` : ""}`;
    setAttr(e.scrub, "aria-valuetext", where);
    // The file and the word "step" are for screen readers (and searches); the eye sees the numbers.
    this.stepInfo(`${hist.title ? hist.title + " \u00b7 " : ""}step `, `${snap.step} / ${lastStep}`);
    setAttr(e.stepInfo, "title", `${hist.title ? hist.title + ": " : ""}${where}`);
    setAttr(this.tools.forward, "aria-label", future ? "Step forward (replays the recorded step)" : "Step forward");
    setItems(e.changes, fig.changes.length ? fig.changes : ["nothing in the tables"]);
    this.tray.update(snap);
    this.typeIn.update(snap);
    const fresh = snap.output.length;
    this.console.draw(hist.terminalAt(), fresh);
    if (this.announced !== hist.current) {
      this.announced = hist.current;
      this.say(`${fig.caption}${fresh ? ` Output: ${snap.output.map((c) => c.text).join("").slice(0, 200)}` : ""}`);
    }
    this.drawText();
    this.syncControls();
  }

  /** The step controls act only where they can: First step and Step back not at the first
   *  step (they only said "already at the start"), Last recorded step not at the last; not
   *  started (a compile error) or over, nothing of a session acts; before any session the
   *  forms still open (they fill with the first steps). Disabled as the ended session's are,
   *  so the roving focus passes them; focus on one that goes out of use moves on. */
  private syncControls(): void {
    const [t, hist] = [this.tools, this.history];
    const live = this.over === undefined && !this.notStarted;
    const steps = live && hist.length > 0;
    const at = hist.current;
    const want: Array<[HTMLButtonElement | HTMLInputElement, boolean]> = [
      [t.first, steps && at > 0], [t.back, steps && at > 0], [t.forward, steps], [t.last, steps && at < hist.length - 1],
      [t.process, live], [t.connect, live], [t.clients, live], [this.el.scrub, steps && this.steps() > 1]];
    const focused = document.activeElement;
    let changed = false;
    for (const [c, on] of want) if (c.disabled === on) { c.disabled = !on; changed = true; }
    if (!changed) return;
    this.toolbar.roving();
    if (focused instanceof HTMLButtonElement && focused.disabled) this.toolbar.el.querySelector<HTMLElement>("[tabindex='0']:not(:disabled)")?.focus();
  }

  /** The step counter: a hidden label for screen readers, then the numbers. Updated in
   *  place (a new span per step is a new box to style and lay out). */
  private stepInfo(label: string, numbers: string): void {
    const el = this.el.stepInfo;
    const [sr, num] = [el.firstChild, el.lastChild];
    if (el.childNodes.length === 2 && sr instanceof HTMLElement && sr.className === "fl-sr-inline" && num instanceof Text) {
      setText(sr, label);
      if (num.data !== numbers) num.data = numbers;
    } else el.replaceChildren(h("span", { class: "fl-sr-inline", text: label }), numbers);
  }

  /** The program was not started: the picture says so, the notice says why and offers the
   *  problem (the host opens the editor there and the Problems panel). */
  private refused(title: string, text: string, line: number): void {
    this.notStarted = true;
    this.figure.placeholder(`${title} was not started: it does not compile`);
    // Nothing of the session shown before stays (its output would pass for this file's):
    // the host holds that the view has no steps now, and sends a whole history next.
    this.history.clear(title);
    this.marks.draw([], 0);
    this.eventsFrom = undefined;
    this.drawEvents(0);
    this.console.blank(`${title} was not started: no output`);
    const e = this.el;
    setItems(e.changes, ["not started"]);
    this.tray.show(undefined);
    this.showSockets(false);
    this.announced = -1;
    if (!e.text.hidden) e.text.replaceChildren();
    this.syncControls();
    e.scrub.max = "0";
    e.scrub.value = "0";
    e.stepInfo.replaceChildren(`${title} \u00b7 not started`);
    const show = h("button", { type: "button", class: "fl-link" }, `Show the problem (line ${line})`);
    show.addEventListener("click", () => this.send({ v: PROTOCOL_VERSION, type: "showProblem" }));
    // Another session's notices go with it; this one stays until a session is shown.
    this.noticeLine.moved(true);
    this.shown = undefined;
    this.noticeLine.show([`${text} `, show], "session");
    this.say(text);
  }

  /** The session shown is over: the picture stays, its controls are disabled, and the
   *  notice says why and offers to start stepping the file again. */
  private ended(text: string): void {
    if (this.over === undefined) this.el.stepInfo.append(" \u00b7 ended");
    this.over = text;
    this.tray.show(undefined);
    this.syncControls();
    const again = h("button", { type: "button", class: "fl-link" }, "Start stepping again");
    again.addEventListener("click", () => this.send({ v: PROTOCOL_VERSION, type: "restart" }));
    this.noticeLine.show([`${text} `, again], "session");
    this.say(`${text} Start stepping again from the notice.`);
  }

  /** A history came after the session was over: it is live, its controls act again. */
  private live(): void {
    this.over = undefined;
    this.el.stepInfo.replaceChildren();
    this.syncControls();
  }

  /** Whether the history shown has a socket in any step, from the steps that changed on
   *  (a new session's history starts from 0: its own steps decide). */
  private noteSockets(from: number): void {
    let on = from > 0 && this.sockets;
    for (let i = from; i < this.history.length && !on; i++) on = this.history.snapshot(i).objects.some((o) => o.kind === "socket");
    if (on !== this.sockets) this.showSockets(on);
  }

  /** Client controls only for a program that has sockets. */
  private showSockets(on: boolean): void {
    this.sockets = on;
    this.tools.connect.hidden = !on;
    this.tools.clients.hidden = !on;
    this.toolbar.showItem("Close all clients", on);
    this.toolbar.roving();
  }

  /** Brings the event list in line (from step `from` on) once the step's frame is painted:
   *  a new row costs a tenth of a step in a big picture (a button to style and lay out), and
   *  the list is beside the picture, not the picture. Steps that come faster than frames
   *  are added in one go. */
  private eventsLater(from: number): void {
    const pending = this.eventsFrom !== undefined;
    this.eventsFrom = Math.min(this.eventsFrom ?? from, from);
    if (pending) return;
    afterPaint(() => {
      const at = this.eventsFrom;
      // Nothing when the list was drawn meanwhile (a refused start empties it at once).
      if (at === undefined) return;
      this.eventsFrom = undefined;
      this.drawEvents(at);
      this.markCurrentEvents(this.history.current);
    });
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

  /** Ctrl+= / Ctrl+- / Ctrl+0 anywhere in the view. VS Code hears every key the view gets
   *  and runs its keybinding (forklab.view.zoomIn...), which asks the view for the step (a
   *  zoomStep message): acting here as well would count each press twice. Here the key
   *  only keeps the browser from zooming the page. */
  private onZoomKey(ev: KeyboardEvent): void {
    if (!(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
    if (ev.key === "=" || ev.key === "+" || ev.key === "-" || ev.key === "0") ev.preventDefault();
  }

  /** Keys on the picture: single letters and arrows act only here (WCAG 2.1.4), so typing
   *  in a field or moving in the toolbar never steps the program or sends anything. */
  private onPictureKey(ev: KeyboardEvent): void {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.target !== this.el.figure) return;
    const act: Record<string, () => void> = {
      ArrowRight: () => this.forward(), l: () => this.forward(),
      ArrowLeft: () => this.back(), h: () => this.back(),
      Home: () => this.goto(0), End: () => this.goto(this.steps() - 1),
      "]": () => this.jumpEvent(1), "[": () => this.jumpEvent(-1),
      e: () => this.focusEvents(),
      p: () => this.tray.show("process"),
      c: () => { if (this.sockets) this.send({ v: PROTOCOL_VERSION, type: "connect" }); },
      i: () => this.typeIn.focus(),
      t: () => this.toggleText(), f: () => this.toggleFit(), m: () => this.exportMarkdown(), "?": () => this.toggleHelp(),
    };
    const run = act[ev.key.length === 1 ? ev.key.toLowerCase() : ev.key];
    if (!run) return;
    ev.preventDefault();
    run();
  }

  /** T in the text view (focus is there once it is shown) hides it again. */
  private onTextKey(ev: KeyboardEvent): void {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.target !== this.el.text || ev.key.toLowerCase() !== "t") return;
    ev.preventDefault();
    ev.stopPropagation();
    this.toggleText();
  }

  private focusEvents(): void {
    if (!this.sideShown()) this.toggleSide();
    (this.el.events.querySelector<HTMLButtonElement>("button[tabindex='0']") ?? this.el.events.querySelector("button"))?.focus();
  }
}
