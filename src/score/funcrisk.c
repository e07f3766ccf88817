#include "score/funcrisk.h"

#include <string.h>

static const fr_question questions[FR_QUESTIONS] = {
    /* impact: what a corrupted insider in this function could do */
    {"registers",
     "access to sensitive registers (BRP, vehicle, tax or container data)",
     {"none", "only records of one's own cases", "broad read access", "broad read and export"}},
    {"decisions",
     "decisions on permits, documents or money",
     {"none", "prepares them; another decides", "decides alone on small matters",
      "decides alone on documents, permits or payments"}},
    {"outsiders",
     "contact with outsiders and clients",
     {"none", "now and then", "daily", "daily, alone, at a counter or at the door"}},
    {"changes",
     "ability to change or delete records",
     {"none", "own records, with a trail", "others' records", "any record, or deletions"}},
    {"volume",
     "volume of records reachable",
     {"none", "up to a thousand", "up to a hundred thousand", "a whole register"}},
    /* resilience: the measures in place */
    {"four_eyes",
     "four-eyes on sensitive actions",
     {"none", "sample checks afterwards", "on most sensitive actions",
      "on every sensitive action"}},
    {"rotation",
     "job rotation",
     {"none", "now and then", "planned, every few years", "planned and kept to"}},
    {"logging",
     "logging and protective monitoring",
     {"no logging", "logs kept, not reviewed", "logs reviewed periodically",
      "monitored continuously, alerts followed up"}},
    {"screening",
     "screening of the staff",
     {"none", "a VOG at hiring", "a VOG repeated periodically", "VOG-P or clearance, repeated"}},
    {"training",
     "integrity training",
     {"none", "once, at hiring", "now and then", "yearly, with dilemmas of the function"}},
    {"segregation",
     "segregation of duties",
     {"none", "partial", "for most sensitive actions", "for every sensitive action"}},
};

const fr_question *fr_questions(size_t *n)
{
    *n = FR_QUESTIONS;
    return questions;
}

int fr_question_find(const char *key)
{
    for (int i = 0; i < FR_QUESTIONS; i++)
        if (strcmp(questions[i].key, key) == 0) return i;
    return -1;
}

/* 1 + round(4 × mean / FR_SCALE_MAX), halves up, in whole numbers: the
 * mean answer (0 to 3) stretched over the levels 1 to 5. */
static int level(const int *v, int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++)
        sum += v[i];
    int num = 4 * sum, den = FR_SCALE_MAX * n;
    return 1 + (2 * num + den) / (2 * den);
}

fr_band fr_band_of(int risk)
{
    return risk >= 16            ? FR_VERY_HIGH
           : risk >= FR_HIGH_MIN ? FR_HIGH
           : risk >= 5           ? FR_MEDIUM
                                 : FR_LOW;
}

void fr_score(const int answers[FR_QUESTIONS], fr_scores *out)
{
    out->impact = level(answers, FR_IMPACT_N);
    out->resilience = level(answers + FR_IMPACT_N, FR_RESILIENCE_N);
    out->risk = out->impact * (6 - out->resilience);
    out->band = fr_band_of(out->risk);
}

static const char *const band_names[] = {"low", "medium", "high", "very high"};

const char *fr_band_name(fr_band b)
{
    return (unsigned)b <= FR_VERY_HIGH ? band_names[b] : "";
}

int fr_band_parse(const char *s)
{
    char norm[16];
    size_t n = strlen(s);
    if (n >= sizeof norm) return -1;
    for (size_t i = 0; i <= n; i++)
        norm[i] = s[i] == '-' || s[i] == '_' ? ' ' : s[i];
    for (int b = FR_LOW; b <= FR_VERY_HIGH; b++)
        if (strcmp(norm, band_names[b]) == 0) return b;
    return -1;
}
