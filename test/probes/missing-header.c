#include <stdio.h>
#include "nowhere.h"

int main(void) {
  printf("never\n");
  return 0;
}
