#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  char *name = malloc(8);
  int *counts = malloc(4 * sizeof(int));
  strcpy(name, "too long a name");
  counts[4] = 1;
  free(counts);
  counts[0] = 2;
  printf("%s\n", name);
  return 0;
}
