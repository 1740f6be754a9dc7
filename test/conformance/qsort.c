/* qsort and bsearch: ints ascending and descending, strings through an array of pointers,
   structs whose equal keys keep their order (glibc's merge sort is stable), bsearch's hit
   and miss, and the trivial sizes 0 and 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec { int key; char name[8]; };

static int up(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
static int down(const void *a, const void *b) { return *(const int *)b - *(const int *)a; }
static int bystr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static int bykey(const void *a, const void *b) { return ((const struct rec *)a)->key - ((const struct rec *)b)->key; }

int main(void)
{
    int v[] = { 42, 7, 19, 7, -3, 100, 0, 56, 19 };
    int n = sizeof v / sizeof v[0];
    qsort(v, n, sizeof v[0], up);
    for (int i = 0; i < n; i++) printf("%d ", v[i]);
    printf("\n");
    int key = 56;
    int *hit = bsearch(&key, v, n, sizeof v[0], up);
    printf("bsearch 56 at index %ld\n", hit ? (long)(hit - v) : -1L);
    key = 8;
    printf("bsearch 8: %s\n", bsearch(&key, v, n, sizeof v[0], up) ? "found" : "NULL");
    qsort(v, n, sizeof v[0], down);
    for (int i = 0; i < n; i++) printf("%d ", v[i]);
    printf("\n");
    char *words[] = { "pear", "apple", "fig", "banana", "apple" };
    qsort(words, 5, sizeof words[0], bystr);
    for (int i = 0; i < 5; i++) printf("%s ", words[i]);
    printf("\n");
    struct rec r[] = { { 2, "b1" }, { 1, "a1" }, { 2, "b2" }, { 1, "a2" }, { 2, "b3" } };
    qsort(r, 5, sizeof r[0], bykey);
    for (int i = 0; i < 5; i++) printf("%d:%s ", r[i].key, r[i].name);
    printf("\n");
    qsort(v, 0, sizeof v[0], up);
    qsort(v, 1, sizeof v[0], up);
    printf("sizes 0 and 1 leave %d first\n", v[0]);
    return 0;
}
