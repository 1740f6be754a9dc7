// One measured figure, as `forklab bench --json` prints it.
export interface Figure {
  name: string;
  value: number;
  unit: string;
}

/** A benchmark group: measures and returns its figures, reporting progress on stderr. */
export type Bench = (progress: (text: string) => void) => Promise<Figure[]>;
