// A message about the program, tied to a place in its source.
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: "error" | "warning";
  message: string;
  /** Valid C the stepper cannot run: the program still starts (only an error in the program
   *  keeps it from starting), and stops where this is reached. */
  unsupported?: boolean;
  /** The program cannot run at all (a missing header): no session starts. */
  fatal?: boolean;
}

/** Errors that keep the program from starting: what a C compiler would reject too. */
export function compileErrors(ds: readonly Diagnostic[]): Diagnostic[] {
  return ds.filter((d) => d.severity === "error" && !d.unsupported);
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}
