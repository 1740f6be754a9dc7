// The doors from the extension to the heavy layers: the model's teaching helpers
// (src/host/model-entry.ts; the model itself runs in its worker) and the live side
// (src/live/entry.ts: /proc readers, clients, desktop only). The platform (./platform/host)
// says how each is loaded: on the desktop as bundles of their own on first use, which keeps
// activation cheap. Everything else in src/extension imports only their types.
import { host } from "./platform/host";

export type { Live, Model } from "./platform/platform";

export const model = () => host.model();
export const live = () => host.live();
