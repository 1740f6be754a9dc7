// The live side as the extension sees it: reading the real server's tables from /proc,
// its clients and the side-by-side comparison, in one entry that the build bundles apart
// (dist/live.js). The extension loads it when a live command first runs
// (src/extension/model.ts); its task provider needs only ./platform, which stays small.
export { findServer } from "./discover";
export { compareWithModel } from "./sidebyside";
export { LiveSource, NoServer } from "./source";
export { formatLive } from "./text";
