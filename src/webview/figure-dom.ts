// Keeps the live SVG in step with the latest Figure. The first picture is parsed in one
// go; after that only units whose markup changed are re-parsed (in one batch), moved
// ones get a new transform, and the rest of the DOM is left alone. A one-syscall step
// touches a handful of units even in a 200-process picture.
import type { Snapshot } from "../kernel/snapshot";
import { Figure, Unit, buildFigure } from "../render/figure";
import { SvgOptions, figureSvg, unitMarkup } from "../render/svg";

const SVG_NS = "http://www.w3.org/2000/svg";

interface Drawn {
  body: string;
  x: number;
  y: number;
  el: Element;
}

export class FigureView {
  private svg: SVGSVGElement | undefined;
  private drawn = new Map<string, Drawn>();
  figure: Figure | undefined;

  constructor(private readonly host: HTMLElement, private readonly opts: SvgOptions = { motion: true, embedStyle: false }) {}

  render(snap: Snapshot, previous?: Snapshot): Figure {
    const fig = buildFigure(snap, previous);
    if (!this.svg) this.full(fig);
    else this.patch(this.svg, fig);
    this.figure = fig;
    return fig;
  }

  private full(fig: Figure): void {
    this.host.innerHTML = figureSvg(fig, this.opts);
    this.svg = this.host.querySelector("svg") as SVGSVGElement;
    this.drawn.clear();
    const byKey = new Map<string, Element>();
    for (const el of Array.from(this.svg.querySelectorAll(".fl-layer > g[data-key]"))) byKey.set(el.getAttribute("data-key") ?? "", el);
    for (const u of fig.units) {
      const el = byKey.get(u.key);
      if (el) this.drawn.set(u.key, { body: u.body, x: u.x, y: u.y, el });
    }
  }

  private patch(svg: SVGSVGElement, fig: Figure): void {
    for (const [k, v] of [["width", fig.width], ["height", fig.height], ["viewBox", `0 0 ${fig.width} ${fig.height}`]] as const) {
      if (svg.getAttribute(k) !== String(v)) svg.setAttribute(k, String(v));
    }
    const bg = svg.querySelector(".fl-bg");
    bg?.setAttribute("width", String(fig.width));
    bg?.setAttribute("height", String(fig.height));
    const titleEl = svg.querySelector("title#fl-title");
    if (titleEl) titleEl.textContent = fig.caption;
    const desc = svg.querySelector("desc#fl-desc");
    if (desc) desc.textContent = fig.changes.length ? "Changed: " + fig.changes.join("; ") + "." : "No change highlighted.";

    // Parse every changed unit in one innerHTML call on an SVG element (SVG namespace).
    const changed: Unit[] = [];
    const keep = new Set<string>();
    for (const u of fig.units) {
      keep.add(u.key);
      const d = this.drawn.get(u.key);
      if (!d || d.body !== u.body) changed.push(u);
      else if (d.x !== u.x || d.y !== u.y) {
        d.el.setAttribute("transform", `translate(${u.x},${u.y})`);
        d.x = u.x;
        d.y = u.y;
      }
    }
    for (const [key, d] of this.drawn) if (!keep.has(key)) { d.el.remove(); this.drawn.delete(key); }
    if (changed.length) {
      const scratch = document.createElementNS(SVG_NS, "g");
      scratch.innerHTML = changed.map(unitMarkup).join("");
      const fresh = Array.from(scratch.children);
      changed.forEach((u, i) => {
        const old = this.drawn.get(u.key);
        const el = fresh[i];
        if (old) old.el.replaceWith(el);
        this.drawn.set(u.key, { body: u.body, x: u.x, y: u.y, el });
      });
    }
    // Put units in figure order within each layer (only new ones are out of place).
    for (const layerName of ["links", "boxes"] as const) {
      const layer = svg.querySelector(`.fl-layer[data-layer="${layerName}"]`);
      if (!layer) continue;
      let at: Element | null = layer.firstElementChild;
      for (const u of fig.units) {
        if (u.layer !== layerName) continue;
        const el = (this.drawn.get(u.key) as Drawn).el;
        if (el === at) at = at.nextElementSibling;
        else layer.insertBefore(el, at);
      }
    }
  }

  /** A standalone SVG of the current picture with the given theme values baked in. */
  standalone(opts: SvgOptions): string {
    return this.figure ? figureSvg(this.figure, { ...opts, motion: false, embedStyle: true }) : "";
  }
}
