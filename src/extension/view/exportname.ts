// The name a saved picture is offered under: the program's and the step's, so that a folder
// of pictures says what each one shows (echoserverp-step12.png, not forklab-step-12.png).
/** A file name for the picture of step `step` of the history titled `title` (the program's
 *  file name, "echoserverp.c", or a live view's title): the title without its .c, made safe
 *  for a file name, then "-step" and the step. */
export function exportName(title: string | undefined, step: number, ext: string): string {
  const name = (title ?? "").replace(/\.c$/, "").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+|-+$/g, "");
  return `${name || "forklab"}-step${step}.${ext}`;
}
