// A drawing made of keyed parts inside one group: a process block's header, its lines and
// each descriptor slot; an open file row's cells. The markup is exactly the parts one
// after another in the group, so nothing in the picture depends on them; they let the
// view, when a step changed one slot of a block, replace that slot's few elements rather
// than the block's hundred (every element re-created costs the browser style and layout).

/** One part: a key stable across steps (independent of how the part is drawn) and its
 *  markup, any number of whole elements. */
export type Part = readonly [key: string, markup: string];

export interface Parted {
  /** The group's start tag, `<g ...>`; the group holds the parts and nothing else. */
  open: string;
  /** In drawing order; keys unique within the group. */
  parts: Part[];
}

export function partedMarkup(p: Parted): string {
  let s = p.open;
  for (const [, m] of p.parts) s += m;
  return s + "</g>";
}

/** A parted drawing made on first use (the view asks only for what is on screen). */
export class LazyParted {
  private made: Parted | undefined;
  private markup: string | undefined;
  constructor(private readonly make: () => Parted) {}
  get parted(): Parted {
    return (this.made ??= this.make());
  }
  get body(): string {
    return (this.markup ??= partedMarkup(this.parted));
  }
}

/** A parted drawing whose height is known now and whose markup is made on first use: a
 *  block or box of the figure (its place depends on the heights of all above it, its markup
 *  only matters on screen). A class: a big figure makes hundreds from nothing, and object
 *  literals with getters are slow for V8 to create and keep the garbage collector busy. */
export class MeasuredParted extends LazyParted {
  constructor(readonly h: number, make: () => Parted) {
    super(make);
  }
}

/** How many elements the markup has at its top level. Our markup escapes every `<` and
 *  `>` in text and attribute values (text.ts esc), so each `<` opens or closes a tag. */
export function topLevelElements(markup: string): number {
  let depth = 0;
  let n = 0;
  for (let i = markup.indexOf("<"); i !== -1; i = markup.indexOf("<", i + 1)) {
    if (markup.charCodeAt(i + 1) === 47 /* / */) { depth--; continue; }
    const end = markup.indexOf(">", i);
    if (end === -1) break;
    if (depth === 0) n++;
    if (markup.charCodeAt(end - 1) !== 47) depth++;
    i = end;
  }
  return n;
}
