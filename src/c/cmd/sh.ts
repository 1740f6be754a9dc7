// The built-in sh: enough of a POSIX shell for `sh -c` as system() and popen() use it, and
// for commands read from stdin. It runs simple commands, pipelines (|), lists (; && || &),
// redirections (< > >> 2> 2>&1 >&2, with any descriptor number), quotes ('...', "...", \),
// $NAME, ${NAME}, $?, $$, $0..$9, NAME=value assignments and the built-ins exit, export,
// unset, cd, ':' and echo (dash's, without a redirection). As Debian's dash 0.5.12 does,
// every command that is not a built-in runs in a child (also the last one of `sh -c`); each
// command of a pipeline runs in a child of its own. Errors read as dash's.
export const SH = `
char *args[256];
int kinds[256];             /* 0 a word, 1 an operator */
int nargs;
char store[65536];
int used, status, lineno = 1;
char **posargs;
int nposargs;

char *save(const char *s, int n) {
  if (used + n + 1 > (int)sizeof store) return "";
  char *p = store + used;
  memcpy(p, s, n);
  p[n] = '\\0';
  used += n + 1;
  return p;
}
/* $... at s: append its value to w (length *wl); returns the characters consumed. */
int dollar(const char *s, char *w, int *wl) {
  char name[256], val[32];
  int n = 0, used_ = 1;
  const char *v = NULL;
  if (s[1] == '?') { snprintf(val, sizeof val, "%d", status); v = val; used_ = 2; }
  else if (s[1] == '$') { snprintf(val, sizeof val, "%d", getpid()); v = val; used_ = 2; }
  else if (s[1] >= '0' && s[1] <= '9') { int k = s[1] - '0'; v = k < nposargs ? posargs[k] : ""; used_ = 2; }
  else if (s[1] == '{') {
    for (used_ = 2; s[used_] && s[used_] != '}' && n < 255; used_++) name[n++] = s[used_];
    name[n] = '\\0';
    if (s[used_] == '}') used_++;
    v = getenv(name);
  } else if (isalpha(s[1]) || s[1] == '_') {
    for (; (isalnum(s[used_]) || s[used_] == '_') && n < 255; used_++) name[n++] = s[used_];
    name[n] = '\\0';
    v = getenv(name);
  } else { w[(*wl)++] = '$'; return 1; }
  for (; v && *v && *wl < 4000; v++) w[(*wl)++] = *v;
  return used_;
}
/* Split a command line into words (quotes removed, $ expanded) and operators. */
int lex(const char *s) {
  nargs = 0;
  used = 0;
  while (*s) {
    if (*s == ' ' || *s == '\\t') { s++; continue; }
    if (*s == '#') break;
    if (nargs >= 255) return -1;
    const char *ops[] = { "&&", "||", ">>", ">&", "<&", "|", ";", "&", "<", ">", NULL };
    int op = -1;
    for (int k = 0; ops[k]; k++) if (strncmp(s, ops[k], strlen(ops[k])) == 0) { op = k; break; }
    if (op >= 0) {
      int n = strlen(ops[op]);
      kinds[nargs] = 1;
      args[nargs++] = save(s, n);
      s += n;
      continue;
    }
    char w[4096];
    int wl = 0, quoted = 0;
    /* A descriptor number right before < or > belongs to the redirection. */
    const char *d = s;
    while (*d >= '0' && *d <= '9') d++;
    if (d > s && (*d == '<' || *d == '>')) {
      int n = (d[0] == '>' && (d[1] == '>' || d[1] == '&')) || (d[0] == '<' && d[1] == '&') ? 2 : 1;
      kinds[nargs] = 1;
      args[nargs++] = save(s, d - s + n);
      s = d + n;
      continue;
    }
    while (*s && *s != ' ' && *s != '\\t' && !strchr("|;&<>", *s) && wl < 4000) {
      if (*s == '\\'') {
        quoted = 1;
        for (s++; *s && *s != '\\''; s++) w[wl++] = *s;
        if (*s) s++;
      } else if (*s == '"') {
        quoted = 1;
        for (s++; *s && *s != '"';) {
          if (*s == '\\\\' && s[1] && strchr("$\\\\\\"\`", s[1])) { w[wl++] = s[1]; s += 2; }
          else if (*s == '$') s += dollar(s, w, &wl);
          else w[wl++] = *s++;
        }
        if (*s) s++;
      } else if (*s == '\\\\' && s[1]) { w[wl++] = s[1]; s += 2; }
      else if (*s == '$') s += dollar(s, w, &wl);
      else w[wl++] = *s++;
    }
    if (wl == 0 && !quoted) continue;   /* an unquoted expansion to nothing is no word */
    kinds[nargs] = 0;
    args[nargs++] = save(w, wl);
  }
  args[nargs] = NULL;
  return 0;
}
/* A redirection of one of the shell's own commands, which run in the shell itself: as dash
   does, the descriptor is first saved above 9 (close-on-exec), and put back afterwards. */
int inshell, nsaved, savedfd[16], savedas[16];
void keepfd(int fd) {
  if (!inshell || nsaved >= 16) return;
  int sv = fcntl(fd, F_DUPFD, 10);
  close(fd);
  if (sv >= 0) fcntl(sv, F_SETFD, FD_CLOEXEC);
  savedfd[nsaved] = fd;
  savedas[nsaved++] = sv;
}
void restorefds(void) {
  while (nsaved > 0) {
    nsaved--;
    if (savedas[nsaved] < 0) { close(savedfd[nsaved]); continue; }
    dup2(savedas[nsaved], savedfd[nsaved]);
    close(savedas[nsaved]);
  }
}
/* Open a redirection's target onto descriptor fd. 0, or -1 after dash's message. */
int redirect(const char *op, const char *target) {
  int fd = (op[0] >= '0' && op[0] <= '9') ? atoi(op) : (strchr(op, '<') ? 0 : 1);
  const char *o = op;
  while (*o >= '0' && *o <= '9') o++;
  if (strcmp(o, ">&") == 0 || strcmp(o, "<&") == 0) {
    keepfd(fd);
    if (strcmp(target, "-") == 0) { close(fd); return 0; }
    if (dup2(atoi(target), fd) < 0) {
      /* dash writes its message in three pieces */
      fprintf(stderr, "sh: %d: ", lineno);
      fprintf(stderr, "%s: Bad file descriptor", target);
      fputs("\\n", stderr);
      return -1;
    }
    return 0;
  }
  int flags = strcmp(o, "<") == 0 ? O_RDONLY : strcmp(o, ">>") == 0 ? (O_WRONLY | O_CREAT | O_APPEND) : (O_WRONLY | O_CREAT | O_TRUNC);
  int f = open(target, flags, 0666);
  if (f < 0) {
    if (flags == O_RDONLY) fprintf(stderr, "sh: %d: cannot open %s: No such file\\n", lineno, target);
    else fprintf(stderr, "sh: %d: cannot create %s: %s\\n", lineno, target, strerror(errno));
    return -1;
  }
  if (f != fd) { keepfd(fd); dup2(f, fd); close(f); }
  return 0;
}
int isassign(const char *w) {
  if (!(isalpha(*w) || *w == '_')) return 0;
  while (isalnum(*w) || *w == '_') w++;
  return *w == '=';
}
/* Run the simple command in args[s..e): assignments, redirections, words. In this process:
   the caller has forked already. */
void execcmd(int s, int e) {
  char *argv[256];
  int n = 0;
  for (int i = s; i < e; i++) {
    if (kinds[i]) { if (i + 1 >= e || redirect(args[i], args[i + 1]) < 0) _exit(2); i++; continue; }
    if (n == 0 && isassign(args[i])) { putenv(args[i]); continue; }
    argv[n++] = args[i];
  }
  argv[n] = NULL;
  if (n == 0) _exit(0);
  fflush(stdout);
  execvp(argv[0], argv);
  int err = errno;
  if (err == ENOENT) { fprintf(stderr, "sh: %d: %s: not found\\n", lineno, argv[0]); _exit(127); }
  fprintf(stderr, "sh: %d: %s: %s\\n", lineno, argv[0], strerror(err));
  _exit(126);
}
int waitstatus(int st) { return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st); }
/* dash's echo, one of its own commands: -n leaves the newline out, \\c ends the output there,
   \\n \\t \\\\ \\0nnn and the other escapes of printf(1) are read; one write. */
int echo(int s, int e) {
  char out[8192];
  int words[256], nw = 0;
  for (int i = s + 1; i < e; i++) { if (kinds[i]) { i++; continue; } words[nw++] = i; }
  int n = 0, nl = 1, j = 0;
  if (j < nw && strcmp(args[words[j]], "-n") == 0) { nl = 0; j++; }
  for (; j < nw; j++) {
    for (const char *p = args[words[j]]; *p && n < 8000; p++) {
      if (*p != '\\\\' || !p[1]) { out[n++] = *p; continue; }
      p++;
      if (*p == 'c') { write(1, out, n); return 0; }
      const char *from = "abfnrtv\\\\", *to = "\\a\\b\\f\\n\\r\\t\\v\\\\";
      const char *k = strchr(from, *p);
      if (k) out[n++] = to[k - from];
      else if (*p == '0') {
        int v = 0;
        for (int d = 0; d < 3 && p[1] >= '0' && p[1] <= '7'; d++) v = v * 8 + (*++p - '0');
        out[n++] = (char)v;
      } else { out[n++] = '\\\\'; out[n++] = *p; }
    }
    if (j + 1 < nw) out[n++] = ' ';
  }
  if (nl) out[n++] = '\\n';
  write(1, out, n);
  return 0;
}
/* The shell's own commands, run in the shell itself; -1 when args[s] is none of them.
   echo's redirections are made in the shell too, and undone after it (a bad one: status 2). */
int builtin(int s, int e) {
  if (s >= e || kinds[s]) return -1;
  const char *w = args[s];
  if (strcmp(w, "echo") == 0) {
    int r = 0;
    inshell = 1;
    for (int i = s; i < e && r == 0; i++) if (kinds[i]) { if (i + 1 >= e || redirect(args[i], args[i + 1]) < 0) r = 2; i++; }
    if (r == 0) r = echo(s, e);
    restorefds();
    inshell = 0;
    return r;
  }
  if (strcmp(w, "exit") == 0) { fflush(stdout); exit(s + 1 < e ? atoi(args[s + 1]) : status); }
  if (strcmp(w, ":") == 0 || strcmp(w, "true") == 0) return 0;
  if (strcmp(w, "cd") == 0) return 0;
  if (strcmp(w, "export") == 0) { for (int i = s + 1; i < e; i++) if (strchr(args[i], '=')) putenv(args[i]); return 0; }
  if (strcmp(w, "unset") == 0) { for (int i = s + 1; i < e; i++) unsetenv(args[i]); return 0; }
  int all = 1;
  for (int i = s; i < e; i++) all &= !kinds[i] && isassign(args[i]);
  if (all) { for (int i = s; i < e; i++) putenv(args[i]); return 0; }
  return -1;
}
/* A pipeline args[s..e): each command in a child joined by pipes; the status is the last's. */
int pipeline(int s, int e, int background) {
  int cuts[64], nc = 0;
  cuts[nc++] = s;
  for (int i = s; i < e; i++) if (kinds[i] && strcmp(args[i], "|") == 0 && nc < 63) cuts[nc++] = i + 1;
  cuts[nc] = e + 1;
  if (nc == 1) {
    int b = builtin(s, e);
    if (b >= 0) return b;
  }
  pid_t pids[64];
  int in = -1;
  for (int k = 0; k < nc; k++) {
    int fds[2] = { -1, -1 };
    if (k + 1 < nc) pipe(fds);
    fflush(stdout);
    pids[k] = fork();
    if (pids[k] == 0) {
      if (in >= 0) { dup2(in, 0); close(in); }
      if (fds[1] >= 0) { dup2(fds[1], 1); close(fds[1]); close(fds[0]); }
      execcmd(cuts[k], cuts[k + 1] - 1);
    }
    if (in >= 0) close(in);
    if (fds[1] >= 0) close(fds[1]);
    in = fds[0];
  }
  if (background) return 0;
  int st = 0;
  for (int k = 0; k < nc; k++) waitpid(pids[k], &st, 0);
  return waitstatus(st);
}
/* A list: pipelines joined by ; && || and &, each expanded only when its turn comes (so $?
   is the status of the one before). */
void run(const char *line) {
  int skip = 0, n = strlen(line);
  char seg[4096];
  for (int i = 0, start = 0; i <= n; i++) {
    char q = 0;
    for (; i < n; i++) {
      if (q) { if (line[i] == q) q = 0; else if (q == '"' && line[i] == '\\\\') i++; continue; }
      if (line[i] == '\\'' || line[i] == '"') { q = line[i]; continue; }
      if (line[i] == '\\\\') { i++; continue; }
      if (line[i] == '#' && (i == 0 || line[i - 1] == ' ')) { n = i; break; }
      if (line[i] == ';' || (line[i] == '&' && line[i + 1] != '&' && (i == 0 || (line[i - 1] != '>' && line[i - 1] != '<' && line[i - 1] != '&'))) ||
          (line[i] == '&' && line[i + 1] == '&') || (line[i] == '|' && line[i + 1] == '|')) break;
    }
    int oplen = i >= n ? 0 : (line[i] == ';' || (line[i] == '&' && line[i + 1] != '&')) ? 1 : 2;
    int len = i - start < (int)sizeof seg - 1 ? i - start : (int)sizeof seg - 1;
    memcpy(seg, line + start, len);
    seg[len] = '\\0';
    int background = oplen == 1 && line[i] == '&';
    if (!skip) {
      if (lex(seg) < 0) { fprintf(stderr, "sh: %d: line too long\\n", lineno); status = 2; return; }
      if (nargs > 0) status = pipeline(0, nargs, background);
    }
    skip = oplen == 2 && ((line[i] == '&' && status != 0) || (line[i] == '|' && status == 0));
    i += oplen;
    start = i;
    if (oplen) i--;
  }
}
int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "-c") == 0) {
    if (argc < 3) { fprintf(stderr, "sh: 0: -c requires an argument\\n"); return 2; }
    posargs = argv + 3;
    nposargs = argc - 3;
    if (nposargs == 0) { posargs = argv; nposargs = 1; }
    run(argv[2]);
    return status;
  }
  char line[4096];
  posargs = argv;
  nposargs = argc;
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\\n")] = '\\0';
    run(line);
    lineno++;
  }
  return status;
}
`;
