// qsort(3) and bsearch(3) as C that the stepper runs (calls to the comparator are the
// learner's code and can be stepped into). qsort is a stable merge sort, as glibc's is when
// it can allocate its buffer, so equal elements keep their order as on Linux. Added to a
// program only when it calls one of them.
export const SORT_SOURCE = `
static void __msort(char *base, char *tmp, size_t n, size_t size, int (*cmp)(const void *, const void *)) {
  if (n < 2) return;
  size_t left = n / 2;
  char *b = base + left * size;
  __msort(base, tmp, left, size, cmp);
  __msort(b, tmp, n - left, size, cmp);
  char *a = base, *aend = b, *bend = base + n * size, *out = tmp;
  while (a < aend && b < bend) {
    if (cmp(a, b) <= 0) { memcpy(out, a, size); a += size; }
    else { memcpy(out, b, size); b += size; }
    out += size;
  }
  if (a < aend) { memcpy(out, a, aend - a); out += aend - a; }
  memcpy(base, tmp, out - tmp);
}
void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *)) {
  if (nmemb < 2 || size == 0) return;
  char *tmp = malloc(nmemb * size);
  __msort(base, tmp, nmemb, size, compar);
  free(tmp);
}
void *bsearch(const void *key, const void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *)) {
  size_t lo = 0, hi = nmemb;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const char *p = (const char *)base + mid * size;
    int r = compar(key, p);
    if (r < 0) hi = mid;
    else if (r > 0) lo = mid + 1;
    else return (void *)p;
  }
  return NULL;
}
`;

/** Whether a program's text calls qsort or bsearch (then SORT_SOURCE joins it). */
export const usesSort = (text: string): boolean => /\b(qsort|bsearch)\s*\(/.test(text);
