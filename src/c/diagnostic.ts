// A message about the program, tied to a place in its source.
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: "error" | "warning";
  message: string;
  /** The program cannot run at all (a missing header): no session starts. */
  fatal?: boolean;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}
