// The built-in ls, as coreutils 9.1 lists in the C locale: names in byte order, dot files
// only with -a, one per line when the output is not a terminal (or with -1), in columns
// down an 80-column terminal otherwise; -l gives the long form; -d lists a directory itself.
// The listing is the model's own file system (what the program and its folder hold).
export const LS = `
char *names[4096];
int nnames, all, longform, one, dirself, status;
int cmp(const char *a, const char *b) { return strcmp(a, b); }
void sortnames(int n) {
  for (int i = 1; i < n; i++) {
    char *x = names[i];
    int j = i - 1;
    for (; j >= 0 && cmp(names[j], x) > 0; j--) names[j + 1] = names[j];
    names[j + 1] = x;
  }
}
void modestr(unsigned m, char *s) {
  s[0] = S_ISDIR(m) ? 'd' : S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : S_ISCHR(m) ? 'c' : '-';
  const char *rwx = "rwxrwxrwx";
  for (int i = 0; i < 9; i++) s[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
  s[10] = '\\0';
}
void longline(const char *path, const char *name) {
  struct stat sb;
  if (stat(path, &sb) < 0) { fprintf(stderr, "ls: cannot access '%s': %s\\n", path, strerror(errno)); status = 1; return; }
  char mode[11], when[32];
  modestr(sb.st_mode, mode);
  time_t t = sb.st_mtime;
  strftime(when, sizeof when, "%b %e %H:%M", localtime(&t));
  printf("%s %ld learner learner %ld %s %s\\n", mode, (long)sb.st_nlink, (long)sb.st_size, when, name);
}
/* Columns down the page, as many as fit in 80 characters (two spaces between columns). */
void columns(int n) {
  int best = 1;
  for (int cols = n; cols > 1; cols--) {
    int rows = (n + cols - 1) / cols, width = 0;
    for (int c = 0; c < cols; c++) {
      int w = 0;
      for (int r = 0; r < rows && c * rows + r < n; r++) if ((int)strlen(names[c * rows + r]) > w) w = strlen(names[c * rows + r]);
      width += w + (c < cols - 1 ? 2 : 0);
    }
    if (width <= 80 && (n + rows - 1) / rows == cols) { best = cols; break; }
  }
  int rows = (n + best - 1) / best;
  for (int r = 0; r < rows; r++) {
    for (int c = 0; c < best; c++) {
      int i = c * rows + r;
      if (i >= n) continue;
      int w = 0;
      for (int k = c * rows; k < (c + 1) * rows && k < n; k++) if ((int)strlen(names[k]) > w) w = strlen(names[k]);
      if (c + 1 < best && i + rows < n) printf("%-*s  ", w, names[i]); else printf("%s", names[i]);
    }
    putchar('\\n');
  }
}
void show(const char *dir, int n) {
  sortnames(n);
  if (longform) {
    char path[4096];
    struct stat sb;
    long blocks = 0;
    for (int i = 0; dir && i < n; i++) {
      snprintf(path, sizeof path, "%s/%s", dir, names[i]);
      if (stat(path, &sb) == 0) blocks += sb.st_blocks;
    }
    if (dir) printf("total %ld\\n", blocks / 2);
    for (int i = 0; i < n; i++) {
      if (dir) snprintf(path, sizeof path, "%s/%s", dir, names[i]); else snprintf(path, sizeof path, "%s", names[i]);
      longline(path, names[i]);
    }
  } else if (one || !isatty(1)) {
    for (int i = 0; i < n; i++) puts(names[i]);
  } else if (n) columns(n);
}
void listdir(const char *path) {
  DIR *d = opendir(path);
  if (d == NULL) { fprintf(stderr, "ls: cannot open directory '%s': %s\\n", path, strerror(errno)); status = 2; return; }
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < 4096) {
    if (e->d_name[0] == '.' && !all) continue;
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  show(path, n);
}
int main(int argc, char **argv) {
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
    for (int j = 1; argv[i][j]; j++) {
      char o = argv[i][j];
      if (o == 'a') all = 1; else if (o == 'l') longform = 1; else if (o == '1') one = 1; else if (o == 'd') dirself = 1;
      else { fprintf(stderr, "ls: invalid option -- '%c'\\nTry 'ls --help' for more information.\\n", o); return 2; }
    }
  if (i == argc) { if (dirself) { names[0] = "."; show(NULL, 1); } else listdir("."); return status; }
  /* Files first (sorted), then each directory under a heading when there is more than one operand. */
  int nfiles = 0, ndirs = 0;
  char *dirs[256];
  struct stat sb;
  for (int k = i; k < argc; k++) {
    if (stat(argv[k], &sb) < 0) { fprintf(stderr, "ls: cannot access '%s': %s\\n", argv[k], strerror(errno)); status = 2; continue; }
    if (S_ISDIR(sb.st_mode) && !dirself) { if (ndirs < 256) dirs[ndirs++] = argv[k]; }
    else names[nfiles++] = argv[k];
  }
  show(NULL, nfiles);
  for (int k = 1; k < ndirs; k++) {
    char *x = dirs[k];
    int j = k - 1;
    for (; j >= 0 && strcmp(dirs[j], x) > 0; j--) dirs[j + 1] = dirs[j];
    dirs[j + 1] = x;
  }
  for (int k = 0; k < ndirs; k++) {
    if (argc - i > 1) printf("%s%s:\\n", (nfiles || k) ? "\\n" : "", dirs[k]);
    listdir(dirs[k]);
  }
  return status;
}
`;

/* ps: the listing comes from the model's process table. */
export const PS = `
const char *__forklab_ps(int argc, char **argv);
int main(int argc, char **argv) {
  const char *text = __forklab_ps(argc, argv);
  if (text == NULL) {
    fprintf(stderr, "error: unsupported option (the model's ps knows -e, -A, -j and -o pid,ppid,pgid,sid,stat,tty,time,cmd)\\n");
    return 1;
  }
  fputs(text, stdout);
  return 0;
}
`;
