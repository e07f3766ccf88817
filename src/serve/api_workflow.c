/* The workflow's routes (API35.md "Workflow"): none yet; the workflow
 * helper's api_workflow.c takes this file's place. */
#include "serve/serve_api.h"

const serve_route *serve_routes_workflow(size_t *n)
{
    *n = 0;
    return NULL;
}
