/* lists.c -- n values in a linked list (one allocation per node) against
 * an array on the stack, for n = 8 and 64 (sub-benchmarks n=8, n=64). */
#include "suite.h"

#include <stdlib.h>

struct node {
    struct node *next;
    int64_t v;
};

/* list_op builds a list of *(int *)arg nodes, sums it and frees it. */
static void list_op(bench *b, void *arg)
{
    int n = *(int *)arg;

    for (int64_t i = 0; i < b->n; i++) {
        struct node *head = NULL;
        int64_t sum = 0;
        for (int k = 0; k < n; k++) {
            struct node *e = malloc(sizeof *e);
            if (e == NULL)
                bench_fail(b, "malloc: out of memory");
            e->v = k;
            e->next = head;
            head = e;
        }
        bench_escape(head);
        while (head) {
            struct node *next = head->next;
            sum += head->v;
            free(head);
            head = next;
        }
        bench_keep(sum);
    }
}

/* array_op fills and sums *(int *)arg values on the stack. */
static void array_op(bench *b, void *arg)
{
    int n = *(int *)arg;
    int64_t a[64];

    for (int64_t i = 0; i < b->n; i++) {
        int64_t sum = 0;
        for (int k = 0; k < n; k++)
            a[k] = k;
        bench_escape(a);
        for (int k = 0; k < n; k++)
            sum += a[k];
        bench_keep(sum);
    }
}

static int sizes[] = { 8, 64 };

void BenchmarkList(bench *b)
{
    bench_run_arg(b, "n=8", list_op, &sizes[0]);
    bench_run_arg(b, "n=64", list_op, &sizes[1]);
}

void BenchmarkArray(bench *b)
{
    bench_run_arg(b, "n=8", array_op, &sizes[0]);
    bench_run_arg(b, "n=64", array_op, &sizes[1]);
}
