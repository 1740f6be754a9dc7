// Zoom steps: from the scale the learner sees (a fitted one included), never the wrong way.
import assert from "node:assert/strict";
import { nextZoom, zoomOf } from "../../../src/contract/zoom";

describe("zoom steps", () => {
  it("steps from a fitted scale to the next step below or above it", () => {
    assert.equal(nextZoom(0.69, "out"), 0.6);
    assert.equal(nextZoom(0.69, "in"), 0.7);
    assert.equal(nextZoom(1.33, "out"), 1.3);
    assert.equal(nextZoom(1.33, "in"), 1.4);
  });

  it("steps from a zoom on a step by one step, whatever the floating-point rounding", () => {
    assert.equal(nextZoom(0.7, "out"), 0.6);
    assert.equal(nextZoom(0.7, "in"), 0.8);
    assert.equal(nextZoom(1, "in"), 1.1);
    assert.equal(nextZoom(0.1 * 3 * 10 / 3, "out"), 0.9);
    let z = 0.5;
    for (let i = 0; i < 25; i++) z = nextZoom(z, "in")!;
    assert.equal(z, 3);
  });

  it("has no step beyond the range: zoom out from a picture fitted under the least zoom does not enlarge it", () => {
    assert.equal(nextZoom(0.42, "out"), undefined);
    assert.equal(nextZoom(0.5, "out"), undefined);
    assert.equal(nextZoom(3, "in"), undefined);
    assert.equal(nextZoom(0.42, "in"), 0.5);
    assert.equal(nextZoom(2.3, "reset"), 1);
  });

  it("reads any number as a zoom in the range", () => {
    assert.deepEqual([zoomOf(0.2), zoomOf(9), zoomOf(Number.NaN), zoomOf(1.26)], [0.5, 3, 1, 1.3]);
  });
});
