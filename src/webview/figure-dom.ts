// Keeps the live SVG in step with the latest Figure. Only units near the scrolled-to part
// of the picture are in the DOM (a 200-process figure is 40,000 px tall). The first
// picture is parsed in one go; after that only units whose markup changed are re-parsed
// (in one batch), moved ones get a new transform, and the rest of the DOM is left alone.
// A one-syscall step touches a handful of units even in a 200-process picture, and within
// a changed unit made of keyed parts (a process block's slots, a file row's cells) only
// the parts whose markup changed are re-created. A step draws the screen before its frame
// is painted and the margin after it.
import type { Snapshot } from "../contract/snapshot";
import { Figure, FigureCache, Unit, buildFigure, captionUnit } from "../render/figure";
import type { Layout } from "../render/geometry";
import { Parted, topLevelElements } from "../render/parts";
import { SvgOptions, figureSvg, unitMarkup } from "../render/svg";
import type { Terminal } from "../render/terminal";
import { afterPaint, setAttr, setText } from "./dom";

const SVG_NS = "http://www.w3.org/2000/svg";

interface Drawn {
  /** The unit drawn (its markup is what the element holds). */
  unit: Unit;
  x: number;
  y: number;
  el: Element;
  /** Which elements of the unit's group each part is, once worked out (unit.parted). */
  parts?: DrawnPart[];
}

interface DrawnPart {
  key: string;
  markup: string;
  nodes: Element[];
}

/** Classes that pulse when drawn (style.ts MOTION_CSS): a part carrying one is drawn anew
 *  whenever its unit changed, so it pulses with the step as a re-created unit would. */
const MOTION = /\bfl-(?:new|chg|freed|fresh)\b/;

/** A changed unit brought in line part by part: the group kept, the parts to parse. */
interface PartPatch {
  old: Drawn;
  unit: Unit;
  parted: Parted;
  group: Element;
  drawnParts: DrawnPart[];
  /** Index in the parse batch of the new start tag (when it changed) and of each new part. */
  openAt?: number;
  freshAt: Map<number, number>;
}

export class FigureView {
  private svg: SVGSVGElement | undefined;
  private drawn = new Map<string, Drawn>();
  private readonly cache = new FigureCache();
  private pending = false;
  /** A whole pass is due after the next frame is painted. */
  private pendingAfterPaint = false;
  /** Picture pixels per figure unit (zoom, or what fits the width). */
  private scale = 1;
  figure: Figure | undefined;
  /** Three columns or two (the view picks what its pane fits at a readable scale). */
  private layoutNow: Layout = "wide";
  /** What the figure was drawn from, to draw it again in another layout. */
  private drawnFrom: { snap: Snapshot; previous?: Snapshot; term?: Terminal } | { caption: string } | undefined;

  /** The scroller's height and scroll position as last read (a scroll event, a resize
   *  report or a whole pass): a step's screen pass reads these, because reading the
   *  scroller itself then would lay out the page in the middle of the update (after a
   *  whole pass or the event list changed it), and the frame lays it out once anyway. */
  private seen: { height: number; top: number } | undefined;

  /** host holds the SVG; scroller is the element that scrolls it. */
  constructor(private readonly host: HTMLElement, private readonly scroller: HTMLElement,
    private readonly opts: SvgOptions = { motion: true, embedStyle: false }) {
    scroller.addEventListener("scroll", () => { this.seen = undefined; this.later(); }, { passive: true });
    new ResizeObserver(() => { this.seen = undefined; this.later(); }).observe(scroller);
  }

  /** Brings the whole DOM window (screen and margin) in line at the next frame. */
  private later(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.sync(); });
  }

  /** The same once the next frame is painted: the margin is off screen, so the step's
   *  picture need not wait for it (a scroll before then draws what it needs at once). */
  private afterPaint(): void {
    if (this.pendingAfterPaint) return;
    this.pendingAfterPaint = true;
    afterPaint(() => { if (this.pendingAfterPaint) this.sync(); });
  }

  /** Draws the figure: what is on screen at once, the margin around it after the frame is
   *  painted (units there may be a step behind until then, but nobody sees them). */
  render(snap: Snapshot, previous?: Snapshot, term?: Terminal): Figure {
    this.drawnFrom = { snap, previous, term };
    this.figure = buildFigure(snap, previous, this.cache, term, this.layoutNow);
    this.sync(false);
    this.afterPaint();
    return this.figure;
  }

  /** The empty tables with a caption, drawn while the view waits for the host's first
   *  message: the learner sees where things will appear, and the browser has set up the
   *  picture's fonts and styles before the first real picture. */
  placeholder(caption: string): void {
    this.drawnFrom = { caption };
    const empty: Snapshot = { version: 1, step: 0, clock: 0, processes: [], files: [], objects: [], events: [], output: [], foregroundPgid: 0 };
    const fig = buildFigure(empty, undefined, this.cache, undefined, this.layoutNow);
    this.figure = { ...fig, caption, changes: [], units: fig.units.map((u) => (u.key === "caption" ? captionUnit(caption, fig.width) : u)) };
    this.sync();
  }

  get layout(): Layout { return this.layoutNow; }

  /** Draws the same picture again in `layout` (nothing when it is the one shown). */
  setLayout(layout: Layout): void {
    if (layout === this.layoutNow) return;
    this.layoutNow = layout;
    const from = this.drawnFrom;
    if (!from) return;
    if ("caption" in from) this.placeholder(from.caption);
    else this.render(from.snap, from.previous, from.term);
  }

  /** The figure rows worth having in the DOM: what is on screen and a little around it.
   *  Every unit in the DOM costs style and text layout on each update, so the margin is
   *  small; scrolling brings in the rest (one frame later at most). */
  private visibleRange(withMargin: boolean): [number, number] {
    if (withMargin || !this.seen) this.seen = { height: this.scroller.clientHeight, top: this.scroller.scrollTop };
    const { height: h, top: scrolled } = this.seen;
    if (!h) return [0, 1600];
    const scale = this.scale;
    const top = scrolled / scale;
    const margin = withMargin ? 300 / scale : 0;
    return [top - margin, top + h / scale + margin];
  }

  /** Brings the DOM in line with the current figure and scroll position: the screen and
   *  its margin (whole), or only the screen (`whole` false: units elsewhere stay as they
   *  are until the next whole pass, unless they were drawn on the screen). */
  sync(whole = true): void {
    const fig = this.figure;
    if (!fig) return;
    if (whole) this.pendingAfterPaint = false;
    const [lo, hi] = this.visibleRange(whole);
    const units = fig.units.filter((u) => u.bottom >= lo && u.top <= hi);
    if (!this.svg) this.full(fig, units);
    else this.patch(this.svg, fig, units, whole ? undefined : [lo, hi]);
  }

  private full(fig: Figure, units: Unit[]): void {
    this.host.innerHTML = figureSvg({ ...fig, units }, this.opts);
    this.svg = this.host.querySelector("svg") as SVGSVGElement;
    this.size(this.svg, fig);
    this.drawn.clear();
    const byKey = new Map<string, Element>();
    for (const el of Array.from(this.svg.querySelectorAll(".fl-layer > g[data-key]"))) byKey.set(el.getAttribute("data-key") ?? "", el);
    for (const u of units) {
      const el = byKey.get(u.key);
      if (el) this.drawn.set(u.key, { unit: u, x: u.x, y: u.y, el });
    }
  }

  /** `screen`: a screen-only pass, over that range of the figure. */
  private patch(svg: SVGSVGElement, fig: Figure, units: Unit[], screen?: [number, number]): void {
    const whole = !screen;
    // Only what differs (dom.ts): writing the size or the title re-lays out the picture.
    for (const [k, v] of [["width", fig.width], ["height", fig.height], ["viewBox", `0 0 ${fig.width} ${fig.height}`]] as const) setAttr(svg, k, String(v));
    this.size(svg, fig);
    const bg = svg.querySelector(".fl-bg");
    if (bg) for (const [k, v] of [["width", fig.width], ["height", fig.height]] as const) setAttr(bg, k, String(v));
    const title = svg.querySelector("title#fl-title");
    if (title) setText(title, fig.caption);
    const desc = svg.querySelector("desc#fl-desc");
    if (desc) setText(desc, fig.changes.length ? "Changed: " + fig.changes.join("; ") + "." : "No change highlighted.");

    // Parse every changed unit in one innerHTML call on an SVG element (SVG namespace).
    const changed: Unit[] = [];
    const keep = new Set<string>();
    for (const u of units) {
      keep.add(u.key);
      const d = this.drawn.get(u.key);
      // Units from the figure's caches say so without building markup; else the markup
      // decides (a drawing rebuilt for a new cache key often comes out the same).
      if (!d || !(u.sameAs?.(d.unit) || d.unit.body === u.body)) changed.push(u);
      else if (d.x !== u.x || d.y !== u.y) {
        d.el.setAttribute("transform", `translate(${u.x},${u.y})`);
        d.x = u.x;
        d.y = u.y;
      }
    }
    // Units not on the screen now go, unless a screen-only pass leaves them where nobody
    // sees them (off the screen as drawn, whether the figure still has them or not).
    const [lo, hi] = screen ?? [-Infinity, Infinity];
    for (const [key, d] of this.drawn) {
      if (!keep.has(key) && d.unit.bottom >= lo && d.unit.top <= hi) { d.el.remove(); this.drawn.delete(key); }
    }
    if (changed.length) this.redraw(changed);
    // Put units in figure order within each layer (only new ones are out of place). A
    // screen-only pass puts each new unit before the next unit on screen, so what is
    // painted stacks as the whole pass will (units off the screen may stay out of order).
    for (const layerName of ["links", "boxes"] as const) {
      const layer = svg.querySelector(`.fl-layer[data-layer="${layerName}"]`);
      if (!layer) continue;
      if (!whole) {
        let next: Element | null = null;
        for (let i = units.length - 1; i >= 0; i--) {
          if (units[i].layer !== layerName) continue;
          const el = (this.drawn.get(units[i].key) as Drawn).el;
          if (el.parentNode !== layer) layer.insertBefore(el, next);
          next = el;
        }
        continue;
      }
      let at: Element | null = layer.firstElementChild;
      for (const u of units) {
        if (u.layer !== layerName) continue;
        const el = (this.drawn.get(u.key) as Drawn).el;
        if (el === at) at = at.nextElementSibling;
        else layer.insertBefore(el, at);
      }
    }
  }

  /** Draws the changed units anew, parsing all new markup in one innerHTML call on an SVG
   *  element (SVG namespace): a unit drawn before with keyed parts keeps its group and the
   *  parts whose markup is the same; other units are replaced whole. */
  private redraw(changed: Unit[]): void {
    const batch: string[] = [];
    const whole: Array<{ unit: Unit; at: number }> = [];
    const byParts: PartPatch[] = [];
    for (const u of changed) {
      const plan = this.partPlan(u, batch);
      if (plan) byParts.push(plan);
      else whole.push({ unit: u, at: batch.push(unitMarkup(u)) - 1 });
    }
    const scratch = document.createElementNS(SVG_NS, "g");
    scratch.innerHTML = batch.join("");
    const fresh = Array.from(scratch.children);
    for (const { unit: u, at } of whole) {
      const old = this.drawn.get(u.key);
      const el = fresh[at];
      if (old) old.el.replaceWith(el);
      this.drawn.set(u.key, { unit: u, x: u.x, y: u.y, el });
    }
    for (const plan of byParts) this.applyParts(plan, fresh);
  }

  /** How to bring a drawn unit in line part by part, adding what must be parsed to the
   *  batch; undefined when it must be replaced whole (not drawn yet, not parted, its
   *  elements not matching its parts, or its group pulsing). */
  private partPlan(u: Unit, batch: string[]): PartPatch | undefined {
    const old = this.drawn.get(u.key);
    const parted = u.parted;
    if (!old || !parted || !old.unit.parted || MOTION.test(parted.open)) return undefined;
    const group = old.el.firstElementChild;
    if (!group || old.el.childElementCount !== 1) return undefined;
    const drawnParts = old.parts ?? this.partsOf(old.unit.parted, group);
    if (!drawnParts) return undefined;
    const plan: PartPatch = { old, unit: u, parted, group, drawnParts, freshAt: new Map() };
    if (parted.open !== old.unit.parted.open) plan.openAt = batch.push(parted.open + "</g>") - 1;
    const was = new Map(drawnParts.map((p) => [p.key, p.markup]));
    parted.parts.forEach(([key, markup], i) => {
      if (was.get(key) !== markup || MOTION.test(markup)) plan.freshAt.set(i, batch.push(`<g>${markup}</g>`) - 1);
    });
    return plan;
  }

  /** The elements of each part of a group drawn whole (counted from the markup), or
   *  undefined when they do not add up to what the group holds. */
  private partsOf(parted: Parted, group: Element): DrawnPart[] | undefined {
    const els = group.children;
    const out: DrawnPart[] = [];
    let at = 0;
    for (const [key, markup] of parted.parts) {
      const n = topLevelElements(markup);
      if (at + n > els.length) return undefined;
      out.push({ key, markup, nodes: Array.from({ length: n }, (_, i) => els[at + i]) });
      at += n;
    }
    return at === els.length ? out : undefined;
  }

  private applyParts(plan: PartPatch, fresh: Element[]): void {
    const { old, unit: u, parted, group, drawnParts, freshAt } = plan;
    if (plan.openAt !== undefined) copyAttributes(fresh[plan.openAt], group);
    const kept = new Map(drawnParts.map((p) => [p.key, p]));
    const next: DrawnPart[] = parted.parts.map(([key, markup], i) => {
      const at = freshAt.get(i);
      if (at === undefined) {
        const p = kept.get(key) as DrawnPart;
        kept.delete(key);
        return p;
      }
      return { key, markup, nodes: Array.from(fresh[at].children) };
    });
    // Parts gone or redrawn leave first; then every part's elements in order, moving only
    // what is out of place (kept parts usually are not).
    for (const p of kept.values()) for (const n of p.nodes) n.remove();
    let cursor = group.firstElementChild;
    for (const p of next) {
      for (const n of p.nodes) {
        if (n === cursor) cursor = cursor.nextElementSibling;
        else group.insertBefore(n, cursor);
      }
    }
    this.drawn.set(u.key, { unit: u, x: u.x, y: u.y, el: old.el, parts: next });
    if (old.x !== u.x || old.y !== u.y) old.el.setAttribute("transform", `translate(${u.x},${u.y})`);
  }

  /** Sets the scale (the picture is redrawn at the next frame). */
  setScale(scale: number): void {
    if (scale === this.scale) return;
    this.scale = scale;
    if (this.svg && this.figure) this.size(this.svg, this.figure);
    this.later();
  }

  /** The picture's size on screen (CSSOM, so the CSP needs no inline styles). */
  private size(svg: SVGSVGElement, fig: Figure): void {
    const w = `${Math.round(fig.width * this.scale)}px`;
    const h = `${Math.round(fig.height * this.scale)}px`;
    if (svg.style.width !== w) svg.style.width = w;
    if (svg.style.height !== h) svg.style.height = h;
  }

  /** A standalone SVG of the current picture with the given theme values baked in. */
  standalone(opts: SvgOptions): string {
    return this.figure ? figureSvg(this.figure, { ...opts, motion: false, embedStyle: true }) : "";
  }
}

/** Gives `to` the attributes of `from`, in from's order (so the DOM serialises as a fresh
 *  parse of the same markup would). */
function copyAttributes(from: Element, to: Element): void {
  const names = (e: Element) => Array.from(e.attributes, (a) => a.name).join(" ");
  if (names(from) !== names(to)) {
    for (const a of Array.from(to.attributes)) to.removeAttribute(a.name);
  }
  for (const a of Array.from(from.attributes)) setAttr(to, a.name, a.value);
}
