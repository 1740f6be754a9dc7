// The platform Fork Lab runs on: the desktop here; the web build (scripts/build.mjs,
// dist/web.js) resolves this module to ./web instead. Import the platform only from here.
export { host } from "./desktop";
