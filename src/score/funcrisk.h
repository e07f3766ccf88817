/* funcrisk — the risk analysis of a function (unit + role) and its
 * process: a fixed questionnaire of impact and resilience questions, each
 * answered on a scale of 0 to 3, and the formula that turns the answers
 * into an impact level, a resilience level, a risk of 1 to 25 and a band
 * (README, "Risk analysis of functions"). It follows the National Risk
 * Assessment's idea of weighing potential impact against the resilience
 * of the measures in place. Pure: no store, no state. */
#ifndef WACHTER_FUNCRISK_H
#define WACHTER_FUNCRISK_H
#include <stddef.h>

enum {
    FR_IMPACT_N = 5,     /* the impact questions come first */
    FR_RESILIENCE_N = 6, /* then the resilience questions */
    FR_QUESTIONS = FR_IMPACT_N + FR_RESILIENCE_N,
    FR_SCALE_MAX = 3, /* every answer is 0, 1, 2 or 3 */
};

/* One question: its key (the CSV column, the CLI option without "--",
 * the API's answers member), what it asks, and what each step means. */
typedef struct fr_question {
    const char *key, *text;
    const char *scale[FR_SCALE_MAX + 1];
} fr_question;

typedef enum fr_band { FR_LOW, FR_MEDIUM, FR_HIGH, FR_VERY_HIGH } fr_band;

typedef struct fr_scores {
    int impact;     /* 1 (little) to 5 (severe) */
    int resilience; /* 1 (none) to 5 (strong) */
    int risk;       /* impact × (6 − resilience): 1 to 25 */
    fr_band band;
} fr_scores;

/* The factor by which a band weighs the risk score of a function's staff
 * (score/risk.h) unless set otherwise (`wachter functions weight`): low
 * and medium weigh 1. */
#define FR_WEIGHT_HIGH 1.25
#define FR_WEIGHT_VERY_HIGH 1.5
#define FR_WEIGHT_MAX 5.0

/* The questions, impact first, in a fixed order (static); *n = FR_QUESTIONS. */
const fr_question *fr_questions(size_t *n);
/* The index of the question whose key is key, or -1. */
int fr_question_find(const char *key);
/* Scores answers (each 0 to FR_SCALE_MAX; the caller has checked). */
void fr_score(const int answers[FR_QUESTIONS], fr_scores *out);
/* The least risk of band high. */
enum { FR_HIGH_MIN = 10 };
/* The band of a risk of 1 to 25: 1–4 low, 5–9 medium, 10–15 high,
 * 16–25 very high. */
fr_band fr_band_of(int risk);
/* "low", "medium", "high", "very high" (static). */
const char *fr_band_name(fr_band b);
/* The band named s ("very high", "very-high" or "very_high" alike), or -1. */
int fr_band_parse(const char *s);
#endif
