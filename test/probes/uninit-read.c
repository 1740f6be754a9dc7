#include <stdio.h>

int main(void) {
  int count;
  int x;
  for (int i = 0; i < 3; i++)
    count++;
  printf("%d\n", x * 0 + count * 0);
  return 0;
}
