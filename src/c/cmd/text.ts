// Built-in text filters, as coreutils 9.1 and GNU grep behave in the C locale (bytes compare
// as unsigned chars): head, tail, sort, uniq, tr and grep. Our own C, run by the machine.

/** Reading whole inputs into lines, shared by the filters that need all of their input. */
const LINES = `
char **lines;
long nlines, linecap;
char chunk[65536];
void addline(char *s, long n) {
  if (nlines == linecap) {
    linecap = linecap ? linecap * 2 : 256;
    lines = realloc(lines, linecap * sizeof(char *));
  }
  char *copy = malloc(n + 1);
  memcpy(copy, s, n);
  copy[n] = '\\0';
  lines[nlines++] = copy;
}
/* Every line of descriptor fd (a last line without a newline counts): 0, or -1 with errno. */
int readlines(int fd) {
  char *pending = NULL;
  long plen = 0;
  for (;;) {
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0) return -1;
    if (n == 0) break;
    pending = realloc(pending, plen + n);
    memcpy(pending + plen, chunk, n);
    plen += n;
    long start = 0;
    for (long i = 0; i < plen; i++)
      if (pending[i] == '\\n') { addline(pending + start, i - start); start = i + 1; }
    memmove(pending, pending + start, plen - start);
    plen -= start;
  }
  if (plen > 0) addline(pending, plen);
  free(pending);
  return 0;
}
/* Open each named file (or stdin for none or "-") and read its lines; errors as "CMD: NAME: reason". */
int readall(int argc, char **argv, int first, const char *cmd) {
  int status = 0;
  if (first >= argc) return readlines(0) < 0 ? 2 : 0;
  for (int i = first; i < argc; i++) {
    int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);
    if (fd < 0 || readlines(fd) < 0) { fprintf(stderr, "%s: %s: %s\\n", cmd, argv[i], strerror(errno)); status = 2; }
    if (fd > 0) close(fd);
  }
  return status;
}
/* -N or -n N or -nN: the count; def when absent. Sets *next to the first operand. */
long countopt(int argc, char **argv, long def, int *next, int *fromstart) {
  long n = def;
  int i = 1;
  *fromstart = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    char *v = NULL;
    if (argv[i][1] >= '0' && argv[i][1] <= '9') v = argv[i] + 1;
    else if (argv[i][1] == 'n') v = argv[i][2] ? argv[i] + 2 : (i + 1 < argc ? argv[++i] : NULL);
    else break;
    if (v == NULL) return -1;
    if (*v == '+') { *fromstart = 1; v++; }
    char *end;
    n = strtol(v, &end, 10);
    if (*end || end == v || n < 0) return -1;
  }
  *next = i;
  return n;
}
`;

const HEAD = `
char buf[8192];
/* The first n lines of fd, read a block at a time and stopping as soon as they are out. */
int headfd(int fd, long n) {
  while (n > 0) {
    ssize_t got = read(fd, buf, sizeof buf);
    if (got < 0) return -1;
    if (got == 0) break;
    ssize_t i = 0;
    while (i < got && n > 0) if (buf[i++] == '\\n') n--;
    fwrite(buf, 1, i, stdout);
  }
  return 0;
}
int main(int argc, char **argv) {
  int first, fromstart, status = 0;
  long n = countopt(argc, argv, 10, &first, &fromstart);
  if (n < 0) { fprintf(stderr, "head: invalid number of lines\\n"); return 1; }
  if (first >= argc) return headfd(0, n) < 0;
  for (int i = first; i < argc; i++) {
    int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);
    if (fd < 0) { fprintf(stderr, "head: cannot open '%s' for reading: %s\\n", argv[i], strerror(errno)); status = 1; continue; }
    if (argc - first > 1) printf("%s==> %s <==\\n", i > first ? "\\n" : "", strcmp(argv[i], "-") == 0 ? "standard input" : argv[i]);
    if (headfd(fd, n) < 0) { fprintf(stderr, "head: error reading '%s': %s\\n", argv[i], strerror(errno)); status = 1; }
    if (fd > 0) close(fd);
  }
  return status;
}
`;

const TAIL = `
int main(int argc, char **argv) {
  int first, fromstart, status = 0;
  long n = countopt(argc, argv, 10, &first, &fromstart);
  if (n < 0) { fprintf(stderr, "tail: invalid number of lines\\n"); return 1; }
  int files = argc - first;
  for (int i = first; i < argc || (files == 0 && i == first); i++) {
    const char *name = files ? argv[i] : "-";
    int fd = strcmp(name, "-") == 0 ? 0 : open(name, O_RDONLY);
    if (fd < 0) { fprintf(stderr, "tail: cannot open '%s' for reading: %s\\n", name, strerror(errno)); status = 1; continue; }
    nlines = 0;
    readlines(fd);
    if (fd > 0) close(fd);
    if (files > 1) printf("%s==> %s <==\\n", i > first ? "\\n" : "", strcmp(name, "-") == 0 ? "standard input" : name);
    long from = fromstart ? (n > 0 ? n - 1 : 0) : (nlines > n ? nlines - n : 0);
    for (long j = from; j < nlines; j++) printf("%s\\n", lines[j]);
    if (!files) break;
  }
  return status;
}
`;

/* sort [-r] [-n] [-u] [-f] [FILE]...: a stable merge sort; equal keys fall back to comparing
   whole lines, as GNU sort does without -s. */
const SORT = `
int rev, numeric, uniq, fold;
long numkey(const char *s) {
  while (*s == ' ' || *s == '\\t') s++;
  return strtol(s, NULL, 10);
}
int bytecmp(const char *a, const char *b) {
  for (;; a++, b++) {
    int x = (unsigned char)*a, y = (unsigned char)*b;
    if (fold) { x = toupper(x); y = toupper(y); }
    if (x != y || !x) return x - y;
  }
}
int keycmp(const char *a, const char *b) {
  if (numeric) {
    long x = numkey(a), y = numkey(b);
    return x < y ? -1 : x > y;
  }
  return bytecmp(a, b);
}
int cmp(const char *a, const char *b) {
  int r = keycmp(a, b);
  if (r == 0 && !uniq) r = strcmp(a, b) < 0 ? -1 : strcmp(a, b) > 0;
  return rev ? -r : r;
}
char **tmp;
void msort(long lo, long hi) {
  if (hi - lo < 2) return;
  long mid = (lo + hi) / 2, i = lo, j = mid, k = lo;
  msort(lo, mid);
  msort(mid, hi);
  while (i < mid || j < hi) tmp[k++] = (j >= hi || (i < mid && cmp(lines[i], lines[j]) <= 0)) ? lines[i++] : lines[j++];
  for (k = lo; k < hi; k++) lines[k] = tmp[k];
}
int main(int argc, char **argv) {
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    for (int j = 1; argv[i][j]; j++) {
      char o = argv[i][j];
      if (o == 'r') rev = 1; else if (o == 'n') numeric = 1; else if (o == 'u') uniq = 1; else if (o == 'f') fold = 1;
      else { fprintf(stderr, "sort: invalid option -- '%c'\\nTry 'sort --help' for more information.\\n", o); return 2; }
    }
  }
  int status = readall(argc, argv, i, "sort");
  if (status) return status;
  tmp = malloc((nlines + 1) * sizeof(char *));
  msort(0, nlines);
  for (long k = 0; k < nlines; k++) {
    if (uniq && k > 0 && keycmp(lines[k - 1], lines[k]) == 0) continue;
    printf("%s\\n", lines[k]);
  }
  return 0;
}
`;

/* uniq [-c] [-d] [-u] [-i] [INPUT [OUTPUT]]: adjacent equal lines collapse. */
const UNIQ = `
int count, dups, uniques, fold;
int same(const char *a, const char *b) { return fold ? strcasecmp(a, b) == 0 : strcmp(a, b) == 0; }
void emit(const char *line, long n) {
  if ((dups && n < 2) || (uniques && n > 1)) return;
  if (count) printf("%7ld %s\\n", n, line); else printf("%s\\n", line);
}
int main(int argc, char **argv) {
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    for (int j = 1; argv[i][j]; j++) {
      char o = argv[i][j];
      if (o == 'c') count = 1; else if (o == 'd') dups = 1; else if (o == 'u') uniques = 1; else if (o == 'i') fold = 1;
      else { fprintf(stderr, "uniq: invalid option -- '%c'\\nTry 'uniq --help' for more information.\\n", o); return 1; }
    }
  }
  if (i < argc && strcmp(argv[i], "-") != 0) {
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) { fprintf(stderr, "uniq: %s: %s\\n", argv[i], strerror(errno)); return 1; }
    dup2(fd, 0);
    close(fd);
  }
  if (i + 1 < argc) {
    int fd = open(argv[i + 1], O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0) { fprintf(stderr, "uniq: %s: %s\\n", argv[i + 1], strerror(errno)); return 1; }
    dup2(fd, 1);
    close(fd);
  }
  readlines(0);
  long run = 0;
  for (long k = 0; k < nlines; k++) {
    if (k > 0 && !same(lines[k - 1], lines[k])) { emit(lines[k - 1], run); run = 0; }
    run++;
  }
  if (nlines) emit(lines[nlines - 1], run);
  return 0;
}
`;

/* tr [-d] [-s] SET1 [SET2]: ranges (a-z), escapes (\\n \\t \\\\) and the classes [:lower:],
   [:upper:], [:digit:], [:alpha:], [:alnum:], [:space:], [:punct:]. */
const TR = `
unsigned char set1[256], set2[256], buf[8192];
int expand(const char *s, unsigned char *out) {
  int n = 0;
  while (*s && n < 256) {
    if (s[0] == '[' && s[1] == ':') {
      const char *end = strstr(s, ":]");
      if (end) {
        int len = end - s - 2;
        for (int c = 0; c < 256; c++) {
          int in = (len == 5 && strncmp(s + 2, "lower", 5) == 0 && islower(c)) || (len == 5 && strncmp(s + 2, "upper", 5) == 0 && isupper(c))
            || (len == 5 && strncmp(s + 2, "digit", 5) == 0 && isdigit(c)) || (len == 5 && strncmp(s + 2, "alpha", 5) == 0 && isalpha(c))
            || (len == 5 && strncmp(s + 2, "alnum", 5) == 0 && isalnum(c)) || (len == 5 && strncmp(s + 2, "space", 5) == 0 && isspace(c))
            || (len == 5 && strncmp(s + 2, "punct", 5) == 0 && ispunct(c));
          if (in && n < 256) out[n++] = c;
        }
        s = end + 2;
        continue;
      }
    }
    int c = (unsigned char)*s++;
    if (c == '\\\\' && *s) {
      char e = *s++;
      c = e == 'n' ? '\\n' : e == 't' ? '\\t' : e == 'r' ? '\\r' : e == '0' ? 0 : (unsigned char)e;
    }
    if (*s == '-' && s[1]) {
      int hi = (unsigned char)s[1];
      s += 2;
      for (int x = c; x <= hi && n < 256; x++) out[n++] = x;
    } else out[n++] = c;
  }
  return n;
}
int main(int argc, char **argv) {
  int del = 0, squeeze = 0, i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
    for (int j = 1; argv[i][j]; j++) {
      if (argv[i][j] == 'd') del = 1; else if (argv[i][j] == 's') squeeze = 1;
      else { fprintf(stderr, "tr: invalid option -- '%c'\\nTry 'tr --help' for more information.\\n", argv[i][j]); return 1; }
    }
  int ops = argc - i;
  if (ops < 1 || (!del && !squeeze && ops < 2)) {
    if (ops < 1) fprintf(stderr, "tr: missing operand\\n");
    else fprintf(stderr, "tr: missing operand after '%s'\\nTwo strings must be given when translating.\\n", argv[i]);
    fprintf(stderr, "Try 'tr --help' for more information.\\n");
    return 1;
  }
  int n1 = expand(argv[i], set1), n2 = ops > 1 ? expand(argv[i + 1], set2) : 0;
  int map[256], drop[256], sq[256];
  for (int c = 0; c < 256; c++) { map[c] = c; drop[c] = 0; sq[c] = 0; }
  for (int k = 0; k < n1; k++) {
    if (del) drop[set1[k]] = 1;
    else if (n2) map[set1[k]] = set2[k < n2 ? k : n2 - 1];
  }
  if (squeeze) {
    const unsigned char *s = (del || n2 == 0) ? (del ? set2 : set1) : set2;
    int ns = (del || n2 == 0) ? (del ? n2 : n1) : n2;
    for (int k = 0; k < ns; k++) sq[s[k]] = 1;
  }
  int last = -1;
  for (;;) {
    ssize_t got = read(0, buf, sizeof buf);
    if (got <= 0) break;
    for (ssize_t k = 0; k < got; k++) {
      int c = buf[k];
      if (drop[c]) continue;
      c = map[c];
      if (sq[c] && c == last) continue;
      last = c;
      putchar(c);
    }
  }
  return 0;
}
`;

/* grep [-v] [-i] [-c] [-n] [-l] [-q] [-h] [-H] [-e PATTERN] PATTERN [FILE]...: basic regular
   expressions with ., *, ^, $, [...] and \\ escapes. Exit 0 when a line matched, 1 when none, 2 on error. */
const GREP = `
int invert, icase, countonly, numbers, listonly, quiet, names = -1;
int eq(int a, int b) { return icase ? tolower(a) == tolower(b) : a == b; }
/* Length of the bracket expression at re ([...]), and whether c is in it. */
int inclass(const char *re, int c, int *len) {
  int i = 1, neg = 0, hit = 0;
  if (re[i] == '^') { neg = 1; i++; }
  if (re[i] == ']') { hit |= eq(c, ']'); i++; }
  for (; re[i] && re[i] != ']'; i++) {
    if (re[i + 1] == '-' && re[i + 2] && re[i + 2] != ']') {
      int lo = (unsigned char)re[i], hi = (unsigned char)re[i + 2];
      hit |= (c >= lo && c <= hi) || (icase && ((tolower(c) >= lo && tolower(c) <= hi) || (toupper(c) >= lo && toupper(c) <= hi)));
      i += 2;
    } else hit |= eq(c, (unsigned char)re[i]);
  }
  *len = re[i] == ']' ? i + 1 : i;
  return hit != neg;
}
/* Does the one-character atom at re match c? Sets *len to the atom's length. */
int atom(const char *re, int c, int *len) {
  if (*re == '[') return inclass(re, c, len);
  if (*re == '\\\\' && re[1]) { *len = 2; return eq(c, (unsigned char)re[1]); }
  *len = 1;
  return *re == '.' ? c != 0 : eq(c, (unsigned char)*re);
}
int here(const char *re, const char *s) {
  for (;;) {
    if (*re == '\\0') return 1;
    if (re[0] == '$' && re[1] == '\\0') return *s == '\\0';
    int len;
    if (re[len = 0] && (atom(re, 0, &len), re[len] == '*')) {
      const char *t = s;
      while (*t && atom(re, (unsigned char)*t, &len)) t++;
      for (; t >= s; t--) if (here(re + len + 1, t)) return 1;
      return 0;
    }
    if (*s == '\\0' || !atom(re, (unsigned char)*s, &len)) return 0;
    re += len;
    s++;
  }
}
int match(const char *re, const char *s) {
  if (*re == '^') return here(re + 1, s);
  do { if (here(re, s)) return 1; } while (*s++);
  return 0;
}
int main(int argc, char **argv) {
  const char *pattern = NULL;
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (strcmp(argv[i], "--") == 0) { i++; break; }
    for (int j = 1; argv[i][j]; j++) {
      char o = argv[i][j];
      if (o == 'v') invert = 1; else if (o == 'i') icase = 1; else if (o == 'c') countonly = 1;
      else if (o == 'n') numbers = 1; else if (o == 'l') listonly = 1; else if (o == 'q') quiet = 1;
      else if (o == 'h') names = 0; else if (o == 'H') names = 1; else if (o == 'G') continue;
      else if (o == 'e') { pattern = argv[i][j + 1] ? argv[i] + j + 1 : (i + 1 < argc ? argv[++i] : NULL); break; }
      else { fprintf(stderr, "grep: invalid option -- '%c'\\nUsage: grep [OPTION]... PATTERNS [FILE]...\\nTry 'grep --help' for more information.\\n", o); return 2; }
    }
  }
  if (pattern == NULL) {
    if (i >= argc) { fprintf(stderr, "Usage: grep [OPTION]... PATTERNS [FILE]...\\nTry 'grep --help' for more information.\\n"); return 2; }
    pattern = argv[i++];
  }
  int files = argc - i, found = 0, err = 0;
  if (names < 0) names = files > 1;
  for (int f = i; f < argc || (files == 0 && f == i); f++) {
    const char *name = files ? argv[f] : "(standard input)";
    int fd = files && strcmp(argv[f], "-") != 0 ? open(argv[f], O_RDONLY) : 0;
    if (fd < 0) { if (!quiet) fprintf(stderr, "grep: %s: %s\\n", argv[f], strerror(errno)); err = 1; continue; }
    nlines = 0;
    readlines(fd);
    if (fd > 0) close(fd);
    long hits = 0;
    for (long k = 0; k < nlines; k++) {
      if (match(pattern, lines[k]) == invert) continue;
      hits++;
      if (quiet) return 0;
      if (countonly || listonly) continue;
      if (names) printf("%s:", name);
      if (numbers) printf("%ld:", k + 1);
      printf("%s\\n", lines[k]);
    }
    if (countonly) { if (names) printf("%s:", name); printf("%ld\\n", hits); }
    if (listonly && hits) printf("%s\\n", name);
    found |= hits > 0;
    if (!files) break;
  }
  return err && !(quiet && found) ? 2 : found ? 0 : 1;
}
`;

export const TEXT_COMMANDS: Record<string, string> = {
  head: LINES + HEAD, tail: LINES + TAIL, sort: LINES + SORT, uniq: LINES + UNIQ, tr: TR, grep: LINES + GREP,
};
