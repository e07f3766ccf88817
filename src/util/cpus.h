/* cpus — how many threads a command uses by default, and their names. */
#ifndef WACHTER_CPUS_H
#define WACHTER_CPUS_H

/* asked when it is 1 or more; else 2 where the machine has two processors
 * or more online, and 1 where it has one. */
int cpus_threads(int asked);
/* Names the calling thread (up to 15 bytes kept) where the system allows
 * it, so that top -H, perf's comm and gdb tell a command's threads apart. */
void cpus_name_thread(const char *name);
#endif
