/* wachter — protective monitoring of look-ups in sensitive registers. */
#include <stdio.h>

#include "cli/cli.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv, stdout, stderr);
}
