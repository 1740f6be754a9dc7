// The view's zoom steps, one rule for the view (which steps from the scale it shows, a
// fitted one included) and the host (which steps the setting while no view is open).
import { ZOOM_MAX, ZOOM_MIN, type ZoomStep } from "./protocol";

/** Zooms per unit: the zooms offered are the tenths from ZOOM_MIN to ZOOM_MAX. */
const PER_UNIT = 10;
/** Scales this close to a step count as on it (0.7 * 10 is 6.999999999999999). */
const EPS = 1e-6;

/** z as a zoom the view offers: within the range, on a step. */
export function zoomOf(z: number): number {
  const within = Math.max(ZOOM_MIN, Math.min(ZOOM_MAX, Number.isFinite(z) ? z : 1));
  return Math.round(within * PER_UNIT) / PER_UNIT;
}

/** The zoom one step in or out from the scale `from` (any scale, say a fitted 0.69): the
 *  next step above it, or below it; undefined when there is none (at the end of the range). */
export function nextZoom(from: number, by: ZoomStep): number | undefined {
  if (by === "reset") return 1;
  const steps = from * PER_UNIT;
  const next = zoomOf((by === "in" ? Math.floor(steps + EPS) + 1 : Math.ceil(steps - EPS) - 1) / PER_UNIT);
  return (by === "in" ? next > from + EPS : next < from - EPS) ? next : undefined;
}
