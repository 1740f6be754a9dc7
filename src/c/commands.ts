// Built-in commands a program may exec when no NAME.c sits next to it: echo, cat and wc,
// written as our own C and run by the machine like any program, so they read and write
// through the kernel (pipes, dup2 redirection, EOF and the descriptor tables all show).
// Their code is library code: a step runs a command until it blocks or ends. Output
// follows coreutils 9.1 (checked against the real commands on Debian 12).
import { compileC } from "./load";
import { readyParser } from "./parse";
import type { Program } from "./program";
import { SIMPLE_COMMANDS } from "./cmd/simple";
import { TEXT_COMMANDS } from "./cmd/text";
import { LS, PS } from "./cmd/ls";
import { SH } from "./cmd/sh";

const ECHO = `
int main(int argc, char **argv) {
  int newline = 1, i = 1;
  /* GNU echo: leading words made only of n, e, E letters after '-' are options. */
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    int j = 1, ok = 1;
    for (; argv[i][j]; j++) if (argv[i][j] != 'n' && argv[i][j] != 'E') ok = 0;
    if (!ok) break;
    for (j = 1; argv[i][j]; j++) if (argv[i][j] == 'n') newline = 0;
  }
  for (int first = i; i < argc; i++) {
    if (i > first) putchar(' ');
    fputs(argv[i], stdout);
  }
  if (newline) putchar('\\n');
  return 0;
}
`;

const CAT = `
char buf[131072];
/* -n, -b, -E, -s, -v, -T (and -A, -e, -t, made of them): GNU cat's line-at-a-time loop. Output is gathered in out and written
   before each read (GNU cat does the same when no more input is pending), so a pipe's
   chunks show as the same writes. newlines counts the empty lines in a row, -1 inside a
   line; it carries over from one file to the next, as GNU cat's does. */
int number, nonblank, ends, squeeze, nonprinting, tabs, newlines;
long lineno;
char out[2 * sizeof buf + 64];
long outlen;
void flushout(void) {
  for (long off = 0; off < outlen;) {
    ssize_t w = write(1, out + off, outlen - off);
    if (w < 0) { fprintf(stderr, "cat: write error: %s\\n", strerror(errno)); exit(1); }
    off += w;
  }
  outlen = 0;
}
/* -v's ^X and M- notation, -T's ^I; 1 when c was written that way. */
int visible(int c) {
  if (c == '\\t') {
    if (!tabs) return 0;
    out[outlen++] = '^';
    out[outlen++] = 'I';
    return 1;
  }
  if (!nonprinting) return 0;
  if (c >= 128) { out[outlen++] = 'M'; out[outlen++] = '-'; c -= 128; }
  if (c < 32) { out[outlen++] = '^'; out[outlen++] = c + 64; }
  else if (c == 127) { out[outlen++] = '^'; out[outlen++] = '?'; }
  else out[outlen++] = c;
  return 1;
}
void numberline(void) { outlen += sprintf(out + outlen, "%6ld\\t", ++lineno); }
void cook(const char *p, ssize_t n) {
  for (ssize_t i = 0; i < n; i++) {
    if (outlen > (long)sizeof buf) flushout();
    if (p[i] == '\\n') {
      if (++newlines > 0) {
        if (newlines >= 2) {
          newlines = 2;
          if (squeeze) continue;
        }
        if (number && !nonblank) numberline();
      }
      if (ends) out[outlen++] = '$';
    } else {
      if (newlines >= 0 && number) numberline();
      newlines = -1;
      if (visible(p[i] & 0xff)) continue;
    }
    out[outlen++] = p[i];
  }
}
int copy(int fd, const char *name) {
  int cooked = number || ends || squeeze || nonprinting || tabs;
  for (;;) {
    if (outlen) flushout();
    ssize_t n = read(fd, buf, sizeof buf);
    if (n == 0) return 0;
    if (n < 0) { fprintf(stderr, "cat: %s: %s\\n", name, strerror(errno)); return 1; }
    if (cooked) { cook(buf, n); continue; }
    for (ssize_t off = 0; off < n;) {
      ssize_t w = write(1, buf + off, n - off);
      if (w < 0) { fprintf(stderr, "cat: write error: %s\\n", strerror(errno)); exit(1); }
      off += w;
    }
  }
}
int main(int argc, char **argv) {
  int status = 0, files = 0, options = 1;
  /* Options anywhere before "--", as getopt permutes them. -u is accepted and ignored. */
  for (int i = 1; i < argc; i++) {
    if (!options || argv[i][0] != '-' || !argv[i][1]) { files++; continue; }
    if (strcmp(argv[i], "--") == 0) { options = 0; argv[i] = NULL; continue; }
    for (int j = 1; argv[i][j]; j++) {
      char o = argv[i][j];
      if (o == 'n') number = 1;
      else if (o == 'b') number = nonblank = 1;
      else if (o == 'E') ends = 1;
      else if (o == 's') squeeze = 1;
      else if (o == 'v') nonprinting = 1;
      else if (o == 'T') tabs = 1;
      else if (o == 'A') nonprinting = ends = tabs = 1;
      else if (o == 'e') nonprinting = ends = 1;
      else if (o == 't') nonprinting = tabs = 1;
      else if (o != 'u') {
        fprintf(stderr, "cat: invalid option -- '%c'\\nTry 'cat --help' for more information.\\n", o);
        return 1;
      }
    }
    argv[i] = NULL;
  }
  if (files == 0) status = copy(0, "-");
  for (int i = 1; i < argc; i++) {
    if (!argv[i]) continue;
    if (strcmp(argv[i], "-") == 0) { status |= copy(0, "-"); continue; }
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) { fprintf(stderr, "cat: %s: %s\\n", argv[i], strerror(errno)); status = 1; continue; }
    status |= copy(fd, argv[i]);
    close(fd);
  }
  flushout();
  return status;
}
`;

const WC = `
long __forklab_size(const char *path);
char buf[16384];
int showl, showw, showc, width;
long tl, tw, tc;
void show(long l, long w, long c, const char *name) {
  int first = 1;
  if (showl) { printf("%*ld", width, l); first = 0; }
  if (showw) { printf(first ? "%*ld" : " %*ld", width, w); first = 0; }
  if (showc) printf(first ? "%*ld" : " %*ld", width, c);
  if (name) printf(" %s", name);
  putchar('\\n');
}
int count(int fd, const char *name, const char *label) {
  long l = 0, w = 0, c = 0;
  int inword = 0;
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) { fprintf(stderr, "wc: %s: %s\\n", name, strerror(errno)); return 1; }
    c += n;
    for (ssize_t i = 0; i < n; i++) {
      char ch = buf[i];
      if (ch == '\\n') l++;
      if (ch == ' ' || ch == '\\n' || ch == '\\t' || ch == '\\r' || ch == '\\v' || ch == '\\f') inword = 0;
      else if (!inword) { inword = 1; w++; }
    }
  }
  show(l, w, c, label);
  tl += l; tw += w; tc += c;
  return 0;
}
/* Size of what descriptor 0 reads if it is a regular file, else -1 (a pipe or terminal). */
long stdin_size(void) {
  off_t here = lseek(0, 0, SEEK_CUR);
  if (here < 0) return -1;
  off_t end = lseek(0, 0, SEEK_END);
  lseek(0, here, SEEK_SET);
  return end;
}
int main(int argc, char **argv) {
  int nfiles = 0, status = 0;
  for (int i = 1; i < argc; i++) {
    if (argv[i][0] == '-' && argv[i][1]) {
      for (int j = 1; argv[i][j]; j++) {
        if (argv[i][j] == 'l') showl = 1;
        else if (argv[i][j] == 'w') showw = 1;
        else if (argv[i][j] == 'c') showc = 1;
        else { fprintf(stderr, "wc: invalid option -- '%c'\\n", argv[i][j]); return 1; }
      }
    } else nfiles++;
  }
  if (!showl && !showw && !showc) showl = showw = showc = 1;
  /* coreutils: one count of one input prints unpadded; else the width of the total size of
     the regular files, at least 7 when some input is not a regular file. */
  if (showl + showw + showc == 1 && nfiles <= 1) width = 1;
  else {
    long total = 0, minw = 1;
    int firstFailed = 0, seen = 0;
    for (int i = 1; i < argc || (nfiles == 0 && seen == 0); i++) {
      const char *a = nfiles ? argv[i] : "-";
      if (nfiles && a[0] == '-' && a[1]) continue;
      long s = strcmp(a, "-") == 0 ? stdin_size() : __forklab_size(a);
      if (s == -2 && seen == 0) firstFailed = 1;
      if (s == -1) minw = 7;
      else if (s >= 0) total += s;
      seen++;
      if (!nfiles) break;
    }
    width = 1;
    for (; total >= 10; total /= 10) width++;
    if (width < minw) width = minw;
    if (firstFailed) width = 1;
  }
  if (nfiles == 0) return count(0, "-", 0);
  for (int i = 1; i < argc; i++) {
    if (argv[i][0] == '-' && argv[i][1]) continue;
    if (strcmp(argv[i], "-") == 0) { status |= count(0, "-", "-"); continue; }
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) { fprintf(stderr, "wc: %s: %s\\n", argv[i], strerror(errno)); status = 1; continue; }
    status |= count(fd, argv[i], argv[i]);
    close(fd);
  }
  if (nfiles > 1) show(tl, tw, tc, "total");
  return status;
}
`;

/** The built-in commands' C sources, by name. */
export const COMMANDS: Record<string, string> = {
  echo: ECHO, cat: CAT, wc: WC, ls: LS, ps: PS, sh: SH, ...SIMPLE_COMMANDS, ...TEXT_COMMANDS,
};

/** What every built-in command's source is compiled after. */
export const SYSTEM_INCLUDES = "#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n#include <unistd.h>\n#include <fcntl.h>\n#include <errno.h>\n#include <time.h>\n#include <ctype.h>\n#include <signal.h>\n#include <sys/stat.h>\n#include <sys/wait.h>\n#include <dirent.h>\n";
const compiled = new Map<string, Program>();

/** The program of built-in command `name`, or undefined (not a command, or the parser is
 *  not loaded yet: every front end loads it before the first program compiles). */
export function commandProgram(name: string): Program | undefined {
  const src = COMMANDS[name];
  const parser = readyParser();
  if (src === undefined || !parser) return undefined;
  let p = compiled.get(name);
  if (!p) {
    p = compileC(parser, `<${name}>`, SYSTEM_INCLUDES + src, () => undefined, { library: true }).program;
    compiled.set(name, p);
  }
  return p;
}
