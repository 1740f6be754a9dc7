#include <stdio.h>
#include <string.h>

int main(void) {
  int admin = 0;
  char name[8];
  int scores[4];
  strcpy(name, "a name far too long");
  for (int i = 0; i <= 4; i++)
    scores[i] = 100;
  printf("admin=%d\n", admin);
  return 0;
}
