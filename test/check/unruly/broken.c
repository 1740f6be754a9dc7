/* broken.c - does not compile. */
int main(void)
{
    return missing_name;
}
