/*
 * test_base_strlist.c -- base/strlist.h: copies versus ownership, the NULL
 * after the last string, formatted pushes of any length, contains, detach.
 */
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "strlist.h"

int main(void)
{
    strlist l = STRLIST_INIT;
    ok(l.v == NULL && l.n == 0, "STRLIST_INIT: empty, nothing allocated");
    ok(!strlist_contains(&l, ""), "an empty list contains nothing");

    char word[] = "alpha";
    is_int(strlist_push(&l, word), 0, "push");
    word[0] = 'X';
    is_str(l.v[0], "alpha", "push copies: the caller's string may change");
    ok(l.v[0] != word, "a copy, not the caller's pointer");
    ok(l.v[1] == NULL, "v[n] is NULL");

    char *own = strdup("beta");
    is_int(strlist_push_owned(&l, own), 0, "push_owned");
    ok(l.v[1] == own, "push_owned keeps the pointer itself");

    char longer[1000];
    memset(longer, 'z', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    is_int(strlist_pushf(&l, "%s=%d", "gamma", 3), 0, "pushf");
    is_int(strlist_pushf(&l, "<%s>", longer), 0, "pushf of 1001 bytes");
    is_str(l.v[2], "gamma=3", "pushf formats");
    is_int(strlen(l.v[3]), 1001, "pushf is not cut at any buffer size");
    is_int(l.n, 4, "four strings");
    ok(l.v[4] == NULL, "still NULL-terminated");

    for (int i = 0; i < 100; i++)
        strlist_pushf(&l, "n%d", i);
    is_int(l.n, 104, "104 strings after 100 more");
    is_str(l.v[103], "n99", "in push order");
    ok(l.v[104] == NULL, "NULL after the last after growth");

    ok(strlist_contains(&l, "beta"), "contains beta");
    ok(strlist_contains(&l, "n57"), "contains n57");
    ok(!strlist_contains(&l, "bet"), "not a prefix");
    ok(!strlist_contains(&l, "Xlpha"), "not the caller's changed word");

    size_t n = 0;
    char **v = strlist_detach(&l, &n);
    is_int(n, 104, "detach gives the count");
    ok(l.v == NULL && l.n == 0 && l.cap == 0, "and leaves the list empty");
    is_str(v[1], "beta", "the strings go with the array");
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);

    strlist_push(&l, "again");
    strlist_release(&l);
    ok(l.v == NULL && l.n == 0, "release empties");
    ok(strlist_detach(&l, NULL) == NULL, "detach of an empty list: NULL");
    return tap_done();
}
