/* demo_names — surnames with a Dutch-like frequency curve, BSN-like
 * numbers (eleven test) and licence plates in Dutch side codes. */
#include "demo_int.h"
#include "util/strmap.h"

#include <stdlib.h>
#include <string.h>

/* The most frequent Dutch surnames with their share per 10,000 inhabitants. */
static const struct {
    const char *name;
    double per10k;
} common[] = {
    {"de Jong", 51},      {"Jansen", 44},      {"de Vries", 43}, {"van den Berg", 35},
    {"van Dijk", 34},     {"Bakker", 33},      {"Janssen", 32},  {"Visser", 29},
    {"Smit", 27},         {"Meijer", 25},      {"de Boer", 23},  {"Mulder", 22},
    {"de Groot", 22},     {"Bos", 21},         {"Vos", 19},      {"Peters", 19},
    {"Hendriks", 19},     {"van Leeuwen", 17}, {"Dekker", 17},   {"Brouwer", 16},
    {"de Wit", 16},       {"Dijkstra", 16},    {"Smits", 15},    {"de Graaf", 15},
    {"van der Meer", 15},
};

/* Frequent but not top names, including names of newer Dutch families. */
static const char *const medium[] = {
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "de Bruijn",
    "de Bruin",
    "van der Heijden",
    "Schouten",
    "van Beek",
    "Willems",
    "van Vliet",
    "van de Ven",
    "Hoekstra",
    "Maas",
    "Verhoeven",
    "Koster",
    "van Dam",
    "van der Wal",
    "Prins",
    "Blom",
    "Huisman",
    "Peeters",
    "de Jonge",
    "Kuipers",
    "van Veen",
    "Post",
    "Kuiper",
    "Veenstra",
    "Kramer",
    "van den Brink",
    "Scholten",
    "van Wijk",
    "Postma",
    "Martens",
    "Vink",
    "de Ruiter",
    "Timmermans",
    "Groen",
    "Gerritsen",
    "Jonker",
    "van Loon",
    "Boer",
    "van der Velde",
    "Willemsen",
    "Smeets",
    "de Lange",
    "de Vos",
    "Bosch",
    "van Dongen",
    "Schipper",
    "de Koning",
    "van der Laan",
    "Koning",
    "van der Velden",
    "Driessen",
    "van Doorn",
    "Hermans",
    "Evers",
    "van den Bosch",
    "van der Meulen",
    "Hofman",
    "Bosman",
    "Wolters",
    "Sanders",
    "van der Horst",
    "Mol",
    "Kuijpers",
    "Molenaar",
    "van de Pol",
    "de Leeuw",
    "Verbeek",
    "Yilmaz",
    "Kaya",
    "El Idrissi",
    "Bouali",
    "Nguyen",
    "Öztürk",
    "Demir",
    "Şahin",
    "Çelik",
    "Pinas",
    "Sedney",
    "Biharie",
    "Ramdin",
    "Kowalski",
    "Nowak",
    "El Amrani",
    "Tahiri",
    "Aydın",
    "Benali",
    "Ramautar",
    "Tran",
    "Dos Santos",
};

static const char *const roots[] = {
    "Brink", "Hof",   "Veld",  "Kamp",   "Berg", "Dijk",  "Horst",  "Hoek",   "Haar",     "Wal",
    "Beek",  "Molen", "Stee",  "Brugge", "Kolk", "Akker", "Heide",  "Venne",  "Wetering", "Laar",
    "Loo",   "Bosch", "Hout",  "Hulst",  "Esch", "Zand",  "Riet",   "Wiel",   "Gaag",     "Vaart",
    "Goor",  "Borgh", "Hemel", "Kraan",  "Pol",  "Stok",  "Schaft", "Zwaan",  "Nes",      "Ploeg",
    "Weerd", "Gouw",  "Slot",  "Toorn",  "Mark", "Speld", "Wouden", "Rijp",   "Doorn",    "Leest",
    "Oost",  "Noord", "Lin",   "Rade",   "Holt", "Vree",  "Steen",  "Klaver", "Eik",      "Mos",
};
static const char *const suffixes[] = {
    "man",  "ink",  "stra", "sma",   "inga", "ema",  "ing",    "er",   "ers",  "kamp",
    "veld", "huis", "hof",  "horst", "beek", "berg", "meijer", "boom", "dijk", "land",
};
static const char *const prefixes[] = {
    "van ", "van de ", "van der ", "van den ", "de ", "ter ", "ten ", "op den ", "in 't ",
};
static const char *const given[] = {
    "Gerrit", "Harm",   "Jelle", "Sjoerd", "Wouter", "Klaas",  "Evert",   "Hendrik", "Lubbert",
    "Roel",   "Tjeerd", "Wiebe", "Douwe",  "Focke",  "Jochem", "Reinder", "Geert",   "Albert",
};
static const char *const patro[] = {"sen", "sma", "stra", "ink", "ing", "s", "se", "ema", "inga"};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int add_name(demo_ctx *c, const char *s)
{
    if (gen_grow((void **)&c->names, &c->names_cap, c->nnames + 1, sizeof *c->names) < 0) return -1;
    /* name_n grows in step with names */
    size_t cap = c->names_cap;
    uint32_t *nn = realloc(c->name_n, cap * sizeof *nn);
    if (!nn) return -1;
    c->name_n = nn;
    char *d = strdup(s);
    if (!d) return -1;
    c->names[c->nnames] = d;
    c->name_n[c->nnames] = 0;
    c->nnames++;
    return 0;
}

/* Loads the fixed lists: names [0, ncommon) are common or medium. */
int demo_names_init(demo_ctx *c)
{
    c->name_map = strmap_new();
    if (!c->name_map) return -1;
    for (size_t i = 0; i < N(common); i++)
        if (add_name(c, common[i].name) < 0) return -1;
    for (size_t i = 0; i < N(medium); i++)
        if (add_name(c, medium[i]) < 0) return -1;
    c->ncommon = (uint32_t)c->nnames;
    for (uint32_t i = 0; i < c->ncommon; i++) {
        uint32_t id;
        if (strmap_intern(c->name_map, c->names[i], strlen(c->names[i]), &id) < 0) return -1;
    }
    return 0;
}

int demo_is_common_name(const demo_ctx *c, uint32_t name)
{
    return name < c->ncommon;
}

static void lower_first(char *dst, size_t n, const char *s)
{
    snprintf(dst, n, "%s", s);
    if (dst[0] >= 'A' && dst[0] <= 'Z') dst[0] = (char)(dst[0] - 'A' + 'a');
}

static void make_rare(demo_rng *r, char *out, size_t n)
{
    char low[32];
    uint32_t i = demo_rng_below(r, N(roots)), j = demo_rng_below(r, N(roots) - 1);
    const char *a = roots[i];
    lower_first(low, sizeof low, roots[j >= i ? j + 1 : j]); /* never the same root twice */
    int form = demo_rng_pick(r, (const double[]){30, 30, 25, 15}, 4);
    switch (form) {
    case 0:
        snprintf(out, n, "%s%s", a, suffixes[demo_rng_below(r, N(suffixes))]);
        break;
    case 1:
        snprintf(out, n, "%s%s", a, low);
        break;
    case 2:
        if (demo_rng_chance(r, 0.5))
            snprintf(out, n, "%s%s", prefixes[demo_rng_below(r, N(prefixes))], a);
        else
            snprintf(out, n, "%s%s%s", prefixes[demo_rng_below(r, N(prefixes))], a, low);
        break;
    default: {
        const char *g = given[demo_rng_below(r, N(given))]; /* one draw per statement */
        snprintf(out, n, "%s%s", g, patro[demo_rng_below(r, N(patro))]);
    }
    }
}

int64_t demo_names_draw(demo_ctx *c)
{
    demo_rng *r = &c->rng;
    double u = demo_rng_unit(r);
    if (u < 0.065) {
        double w[N(common)];
        for (size_t i = 0; i < N(common); i++)
            w[i] = common[i].per10k;
        return demo_rng_pick(r, w, (int)N(common));
    }
    if (u < 0.17) {
        /* Zipf-like over the medium list */
        double w[N(medium)];
        for (size_t i = 0; i < N(medium); i++)
            w[i] = 1.0 / (double)(i + 6);
        return (int64_t)N(common) + demo_rng_pick(r, w, (int)N(medium));
    }
    int64_t name = -1;
    /* Reusing the name of an earlier rare household (preferential attachment)
     * gives rare names a few households each, scattered over the town. */
    if (c->nrare_hh > 0 && demo_rng_chance(r, 0.38)) {
        name = c->rare_hh[demo_rng_below(r, (uint32_t)c->nrare_hh)];
    } else {
        for (int tries = 0; tries < 20 && name < 0; tries++) {
            char nm[64];
            uint32_t id;
            make_rare(r, nm, sizeof nm);
            int rc = strmap_intern(c->name_map, nm, strlen(nm), &id);
            if (rc < 0) return -1;
            if (rc == 0) continue;
            if (add_name(c, nm) < 0) return -1;
            name = (int64_t)c->nnames - 1;
        }
        if (name < 0 && c->nrare_hh > 0)
            name = c->rare_hh[demo_rng_below(r, (uint32_t)c->nrare_hh)];
        if (name < 0) name = 0;
    }
    if (gen_grow((void **)&c->rare_hh, &c->rare_hh_cap, c->nrare_hh + 1, sizeof *c->rare_hh) < 0)
        return -1;
    c->rare_hh[c->nrare_hh++] = (uint32_t)name;
    return name;
}

void demo_bsn(demo_rng *r, char out[12])
{
    /* Nine digits passing the eleven test: 9*d1 + 8*d2 + ... + 2*d8 - d9 ≡ 0 (mod 11). */
    for (;;) {
        int d[9], sum = 0;
        d[0] = demo_rng_range(r, 1, 6);
        for (int i = 1; i < 8; i++)
            d[i] = demo_rng_range(r, 0, 9);
        for (int i = 0; i < 8; i++)
            sum += (9 - i) * d[i];
        d[8] = sum % 11;
        if (d[8] == 10) continue;
        for (int i = 0; i < 9; i++)
            out[i] = (char)('0' + d[i]);
        out[9] = 0;
        return;
    }
}

void demo_plate(demo_rng *r, char out[12])
{
    /* Side codes 4..11 of Dutch plates: X = letter, 9 = digit. */
    static const char *const codes[] = {"XX-99-XX", "XX-XX-99", "99-XX-XX", "99-XXX-9", "9-XXX-99",
                                        "XX-999-X", "X-999-XX", "XXX-99-X", "X-99-XXX", "9-XX-999"};
    static const char letters[] = "BDFGHJKLNPRSTVXZ";
    const char *code =
        codes[demo_rng_pick(r, (const double[]){8, 6, 6, 12, 10, 14, 14, 10, 8, 6}, (int)N(codes))];
    size_t i = 0;
    for (; code[i]; i++) {
        if (code[i] == 'X')
            out[i] = letters[demo_rng_below(r, sizeof letters - 1)];
        else if (code[i] == '9')
            out[i] = (char)('0' + demo_rng_below(r, 10));
        else
            out[i] = code[i];
    }
    out[i] = 0;
}
