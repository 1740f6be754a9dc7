// Small built-in commands, as coreutils 9.1 behaves in the C locale: true, false, pwd,
// sleep, date, printenv, env and rm. Our own C, run by the machine like a learner's program.

const TRUE = `int main(void) { return 0; }`;
const FALSE = `int main(void) { return 1; }`;

const PWD = `
int main(void) {
  char buf[4096];
  if (getcwd(buf, sizeof buf) == NULL) { fprintf(stderr, "pwd: %s\\n", strerror(errno)); return 1; }
  puts(buf);
  return 0;
}
`;

/* GNU sleep: each operand is a number of seconds (fractions allowed, an s/m/h/d suffix);
   the sum is slept. */
const SLEEP = `
int main(int argc, char **argv) {
  long usec = 0;
  if (argc < 2) { fprintf(stderr, "sleep: missing operand\\nTry 'sleep --help' for more information.\\n"); return 1; }
  for (int i = 1; i < argc; i++) {
    char *s = argv[i];
    long whole = 0, frac = 0, scale = 1000000;
    int digits = 0;
    while (*s >= '0' && *s <= '9') { whole = whole * 10 + (*s++ - '0'); digits++; }
    if (*s == '.') for (s++; *s >= '0' && *s <= '9'; s++) { if (scale > 1) { scale /= 10; frac += (*s - '0') * scale; } digits++; }
    long unit = 1;
    if (*s == 's') s++; else if (*s == 'm') { unit = 60; s++; } else if (*s == 'h') { unit = 3600; s++; } else if (*s == 'd') { unit = 86400; s++; }
    if (!digits || *s) {
      fprintf(stderr, "sleep: invalid time interval '%s'\\nTry 'sleep --help' for more information.\\n", argv[i]);
      return 1;
    }
    usec += (whole * 1000000 + frac) * unit;
  }
  if (usec % 1000000) usleep(usec);
  else sleep(usec / 1000000);
  return 0;
}
`;

const DATE = `
int main(int argc, char **argv) {
  const char *fmt = "%a %b %e %H:%M:%S %Z %Y";
  if (argc > 1) {
    if (argv[1][0] != '+') { fprintf(stderr, "date: invalid date '%s'\\n", argv[1]); return 1; }
    fmt = argv[1] + 1;
  }
  time_t now = time(NULL);
  char out[1024];
  strftime(out, sizeof out, fmt, localtime(&now));
  puts(out);
  return 0;
}
`;

const PRINTENV = `
int main(int argc, char **argv) {
  if (argc < 2) {
    for (char **e = environ; *e; e++) puts(*e);
    return 0;
  }
  int status = 0;
  for (int i = 1; i < argc; i++) {
    char *v = getenv(argv[i]);
    if (v) puts(v); else status = 1;
  }
  return status;
}
`;

/* env [-i] [NAME=VALUE]... [COMMAND [ARG]...] */
const ENV = `
int main(int argc, char **argv) {
  int i = 1;
  if (i < argc && (strcmp(argv[i], "-i") == 0 || strcmp(argv[i], "-") == 0)) { clearenv(); i++; }
  for (; i < argc && strchr(argv[i], '=') != NULL; i++) putenv(argv[i]);
  if (i == argc) {
    for (char **e = environ; *e; e++) puts(*e);
    return 0;
  }
  execvp(argv[i], argv + i);
  int e = errno;
  fprintf(stderr, "env: '%s': %s\\n", argv[i], strerror(e));
  return e == ENOENT ? 127 : 126;
}
`;

/* GNU rm: each operand unlinked; -f: a missing one is no error (and no operand is none);
   -r, -R: a directory with everything in it. A message as GNU's error() writes it on the
   unbuffered stderr: "rm: ", the message, ": reason", the newline, each a write. */
const RM = `
int force, recursive;
void fail(const char *name, int err) {
  fputs("rm: ", stderr);
  fprintf(stderr, "cannot remove '%s'", name);
  fprintf(stderr, ": %s", strerror(err));
  fputs("\\n", stderr);
}
int removeall(const char *path) {
  DIR *d = opendir(path);
  if (!d) { fail(path, errno); return 1; }
  struct dirent *e;
  char sub[4096];
  int bad = 0;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
    if (unlink(sub) == 0) continue;
    if (errno == EISDIR) bad |= removeall(sub);
    else { fail(sub, errno); bad = 1; }
  }
  closedir(d);
  if (rmdir(path) < 0) { fail(path, errno); return 1; }
  return bad;
}
int main(int argc, char **argv) {
  int status = 0, operands = 0;
  for (int i = 1; i < argc; i++) {
    if (argv[i][0] != '-' || !argv[i][1]) { operands++; continue; }
    for (int j = 1; argv[i][j]; j++) {
      if (argv[i][j] == 'f') force = 1;
      else if (argv[i][j] == 'r' || argv[i][j] == 'R') recursive = 1;
      else { fprintf(stderr, "rm: invalid option -- '%c'\\nTry 'rm --help' for more information.\\n", argv[i][j]); return 1; }
    }
    argv[i] = NULL;
  }
  if (!operands) {
    if (force) return 0;
    fputs("rm: ", stderr);
    fputs("missing operand", stderr);
    fputs("\\n", stderr);
    fputs("Try 'rm --help' for more information.\\n", stderr);
    return 1;
  }
  for (int i = 1; i < argc; i++) {
    if (!argv[i] || unlink(argv[i]) == 0) continue;
    if (errno == ENOENT && force) continue;
    if (errno == EISDIR && recursive) { status |= removeall(argv[i]); continue; }
    fail(argv[i], errno);
    status = 1;
  }
  return status;
}
`;

export const SIMPLE_COMMANDS: Record<string, string> = {
  true: TRUE, false: FALSE, pwd: PWD, sleep: SLEEP, date: DATE, printenv: PRINTENV, env: ENV, rm: RM,
};
