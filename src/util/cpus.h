/* cpus — how many threads a command uses by default. */
#ifndef WACHTER_CPUS_H
#define WACHTER_CPUS_H

/* asked when it is 1 or more; else 2 where the machine has two processors
 * or more online, and 1 where it has one. */
int cpus_threads(int asked);
#endif
