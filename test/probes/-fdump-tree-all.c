#include <stdio.h>

/* A source file named like a compiler option: cc must see it as a file (./-fdump-tree-all.c),
 * never as -fdump-tree-all (which would dump every tree pass and find no input). */
int main(void) {
  printf("built as a file\n");
  return 0;
}
