// A line of styled runs is drawn with as few tspans as keep every run's style: a lone run
// and a first run that only sets the fill are the text's own characters.
import { strict as assert } from "node:assert";
import { FIGURE_CSS, HUE_CSS, MOTION_CSS } from "../../../src/render/style";
import { FILL_ONLY, SETS_FILL, runs } from "../../../src/render/svgparts";

/** The stylesheet's rules as [selector, declarations], media blocks included. */
function rules(css: string): Array<[string, string[]]> {
  return [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => [m[1].trim(), m[2].split(";").map((d) => d.trim()).filter(Boolean)]);
}

/** Whether the selector names the class (as a class, not a prefix of a longer one). */
const names = (selector: string, cls: string) => new RegExp(`\\.${cls}(?![\\w-])`).test(selector);

describe("styled runs on one baseline", () => {
  it("draws a lone run as the text's own characters, carrying its class", () => {
    assert.equal(runs(12, 40, [["fl-wait", "read(4)"]]), '<text x="12" y="40" class="fl-wait">read(4)</text>');
  });

  it("makes neighbouring runs of one class one run", () => {
    assert.equal(runs(0, 0, [["fl-m", "line "], ["fl-m", "12"]]), '<text x="0" y="0" class="fl-m">line 12</text>');
  });

  it("puts a first run that only sets the fill on the text when every later run sets its own fill", () => {
    assert.equal(runs(12, 40, [["fl-m", "line 12 \u00b7 waits in "], ["fl-wait", "read(4)"]]),
      '<text x="12" y="40" class="fl-m">line 12 \u00b7 waits in <tspan class="fl-wait">read(4)</tspan></text>');
    assert.equal(runs(0, 0, [["fl-m", "  "], ["fl-var", "x"], ["fl-m", " = "], ["fl-mono fl-t", "3"]]),
      '<text x="0" y="0" class="fl-m">  <tspan class="fl-var">x</tspan><tspan class="fl-m"> = </tspan><tspan class="fl-mono fl-t">3</tspan></text>');
  });

  it("keeps every run a tspan when the first would pass more than its fill on, or a later one would take its fill", () => {
    // Italic would reach "b"; "b" (bold only) would be drawn in the muted ink.
    assert.equal(runs(0, 0, [["fl-m fl-i", "a"], ["fl-t", "b"]]), '<text x="0" y="0"><tspan class="fl-m fl-i">a</tspan><tspan class="fl-t">b</tspan></text>');
    assert.equal(runs(0, 0, [["fl-m", "a"], ["fl-b", "b"]]), '<text x="0" y="0"><tspan class="fl-m">a</tspan><tspan class="fl-b">b</tspan></text>');
  });

  it("takes its class sets from the stylesheet: FILL_ONLY classes set nothing but the fill, SETS_FILL classes set it", () => {
    const all = rules(FIGURE_CSS + HUE_CSS + MOTION_CSS);
    for (const cls of FILL_ONLY) {
      const own = all.filter(([sel]) => names(sel, cls));
      assert.ok(own.length, `.${cls} has a rule`);
      for (const [sel, decls] of own) for (const d of decls) assert.match(d, /^fill:/, `${sel} sets only the fill, not ${d}`);
    }
    for (const cls of SETS_FILL) {
      assert.ok(all.some(([sel, decls]) => sel === `.${cls}` && decls.some((d) => d.startsWith("fill:"))), `.${cls} sets the fill`);
    }
  });
});
