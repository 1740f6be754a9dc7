// The renderer's public face: Snapshot -> SVG, Markdown and text tables, the change
// finder, the timeline, and the pid palette shared with the editor decorations.
export { pidColor, pidHue, PID_TONE } from "./palette";
export type { ColourScheme } from "./palette";
export { renderSvg, figureSvg, svgHead, layerMarkup, unitMarkup } from "./svg";
export type { SvgOptions } from "./svg";
export { buildFigure } from "./figure";
export type { Figure, Unit } from "./figure";
export { renderMarkdown, tableMarkdown } from "./markdown";
export { textView } from "./tables";
export type { Table, TextView } from "./tables";
export { diffSnapshots, describeChanges } from "./changes";
export type { Changes } from "./changes";
export { timeline, timelineOf, describeEvent } from "./events";
export type { TimelineEntry, TimelineKind } from "./events";
export { TerminalLog, terminalAt, ownTerminal, terminalLines, outputLines } from "./terminal";
export type { Terminal, OutputLine } from "./terminal";
export { THEMES, THEME_BODY_CLASS } from "./themes";
export type { ThemeVars } from "./themes";
