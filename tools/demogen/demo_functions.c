/* demo_functions — the demo municipality's risk analysis of its functions
 * (functions.csv, README "Risk analysis of functions"): the civil-affairs
 * front office very high and overdue for review, a few functions high or
 * medium, one low, the rest never analysed. Dates are counted from the
 * demo's first day, so the front office's review fell due during the
 * demo's period. */
#include <stdio.h>

#include "demo_int.h"

typedef struct demo_fn {
    const char *unit, *role, *process;
    int analysed, next_review; /* days from the demo's first day */
    const char *answers;       /* the eleven answers, comma-separated */
    const char *measures;
} demo_fn;

static const demo_fn fns[] = {
    {"burgerzaken", "baliemedewerker", "reisdocumenten", -290, 45, "3,3,3,2,3,1,0,2,1,1,1",
     "four-eyes on issuing travel documents; VOG-P every 5 years (duty from 2027-01-01);"
     " review BRP look-ups without a case weekly"},
    {"burgerzaken", "senior baliemedewerker", "reisdocumenten", -120, 610, "3,3,3,3,3,2,1,2,1,2,1",
     "segregate corrections of the BRP from issuing"},
    {"backoffice", "adresonderzoeker", "adresonderzoek", -200, 530, "3,2,2,2,3,1,1,2,1,1,1",
     "rotation between districts"},
    {"sociaal_domein", "klantmanager", "uitkeringen", -150, 580, "2,3,3,2,2,2,1,2,1,2,2",
     "four-eyes on payments above 5000 euro"},
    {"it", "functioneel beheerder", "applicatiebeheer", -60, 670, "3,0,0,3,3,1,0,2,1,1,0",
     "named accounts instead of the shared admin account; log every change of a record"},
    {"handhaving", "boa", "toezicht", -100, 630, "2,1,3,1,2,1,1,2,1,2,1", ""},
    {"parkeren", "handhaver parkeren", "parkeren", -80, 650, "1,1,2,1,1,2,1,2,1,2,2", ""},
    {"kabinet", "bestuursadviseur", "bestuursondersteuning", -30, 700, "1,1,2,0,1,2,2,2,2,2,2", ""},
};

int demo_write_functions(demo_ctx *c, const char *dir)
{
    gen_out f = {0};
    buf b = {0};
    if (demo_open_out(c, &f, dir, "functions.csv") < 0) return -1;
    int rc = buf_puts(&b, "unit,role,process,analysed,next_review,registers,decisions,outsiders,"
                          "changes,volume,four_eyes,rotation,logging,screening,training,"
                          "segregation,measures\n");
    for (size_t i = 0; i < sizeof fns / sizeof *fns && !rc; i++) {
        char an[16], nr[16];
        demo_date_str(c, fns[i].analysed, an);
        demo_date_str(c, fns[i].next_review, nr);
        rc = buf_printf(&b, "%s,%s,%s,%s,%s,%s,\"%s\"\n", fns[i].unit, fns[i].role, fns[i].process,
                        an, nr, fns[i].answers, fns[i].measures);
    }
    if (rc || demo_spill(&f, &b) < 0) rc = demo_fail(c, "cannot write %s/functions.csv", dir);
    if (gen_out_close(&f) < 0 && rc == 0) rc = demo_fail(c, "cannot write %s/functions.csv", dir);
    buf_free(&b);
    return rc;
}
