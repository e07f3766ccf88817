/* The build's version: the Makefile passes WACHTER_VERSION (git describe
 * in a checkout) when it compiles this one file. */
#include "cli/cli.h"

#ifndef WACHTER_VERSION
#define WACHTER_VERSION "0.1"
#endif

const char *cli_version(void)
{
    return WACHTER_VERSION;
}
