#include <stdio.h>

int table[4];
int limit = 3;

int main(void) {
  for (int i = 0; i <= 4; i++)
    table[i] = i * i;
  printf("limit=%d\n", limit);
  return 0;
}
