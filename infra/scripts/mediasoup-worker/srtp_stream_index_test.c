/*
 * Test of srtp_stream_index.c against a plain array as the reference, run by
 * build-mediasoup-worker.sh after libsrtp is built (it links libsrtp2.a; a failure stops the
 * build). libsrtp's own `srtp_driver -v` covers the stream list's contract on four streams; this
 * covers what only an index can get wrong: growth, long probe runs (crowded SSRCs), removal from
 * the middle of a run, and removal while iterating, over thousands of random operations.
 */
#include <stdio.h>
#include <stdlib.h>
#include "srtp_priv.h"
#include "stream_list_priv.h"

#define MAX_STREAMS 3000

static srtp_stream_t live[MAX_STREAMS];
static int live_count;
static int failures;

#define CHECK(cond, ...)                                                        \
    do {                                                                       \
        if (!(cond)) {                                                         \
            failures++;                                                        \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);               \
            fprintf(stderr, __VA_ARGS__);                                      \
            fprintf(stderr, "\n");                                             \
            if (failures > 20)                                                 \
                exit(1);                                                       \
        }                                                                      \
    } while (0)

static uint32_t rng_state = 12345u;
static uint32_t next_random(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static int is_live(uint32_t ssrc)
{
    int i;
    for (i = 0; i < live_count; i++)
        if (live[i]->ssrc == ssrc)
            return 1;
    return 0;
}

/* Crowded SSRCs: consecutive runs (RTX = SSRC + 1), multiples of a power of two, random. */
static uint32_t new_ssrc(void)
{
    uint32_t ssrc;
    do {
        switch (next_random() % 3) {
        case 0:
            ssrc = 1000 + next_random() % 4000;
            break;
        case 1:
            ssrc = (next_random() % 4000) << 16;
            break;
        default:
            ssrc = next_random();
        }
    } while (is_live(ssrc));
    return ssrc;
}

static void insert_one(srtp_stream_list_t list)
{
    srtp_stream_t stream = calloc(1, sizeof(srtp_stream_ctx_t));
    stream->ssrc = new_ssrc();
    CHECK(srtp_stream_list_insert(list, stream) == srtp_err_status_ok, "insert %u", stream->ssrc);
    live[live_count++] = stream;
}

static void remove_at(srtp_stream_list_t list, int index)
{
    srtp_stream_t stream = live[index];
    CHECK(srtp_stream_list_get(list, stream->ssrc) == stream, "get before remove %u", stream->ssrc);
    srtp_stream_list_remove(list, stream);
    live[index] = live[--live_count];
    CHECK(srtp_stream_list_get(list, stream->ssrc) == NULL, "get after remove %u", stream->ssrc);
    free(stream);
}

static int count_cb(srtp_stream_t stream, void *data)
{
    (void)stream;
    (*(int *)data)++;
    return 0;
}

static void check_all(srtp_stream_list_t list)
{
    int i, count = 0;
    for (i = 0; i < live_count; i++)
        CHECK(srtp_stream_list_get(list, live[i]->ssrc) == live[i], "get %u", live[i]->ssrc);
    for (i = 0; i < 200; i++) {
        uint32_t ssrc = new_ssrc();
        CHECK(srtp_stream_list_get(list, ssrc) == NULL, "absent %u found", ssrc);
    }
    srtp_stream_list_for_each(list, count_cb, &count);
    CHECK(count == live_count, "for_each saw %d of %d", count, live_count);
}

struct remove_odd_data {
    srtp_stream_list_t list;
    int removed;
};

/* Removes the current stream when its SSRC is odd (allowed during iteration). */
static int remove_odd_cb(srtp_stream_t stream, void *data)
{
    struct remove_odd_data *d = data;
    int i;
    if ((stream->ssrc & 1) == 0)
        return 0;
    for (i = 0; i < live_count; i++)
        if (live[i] == stream)
            break;
    CHECK(i < live_count, "for_each gave a stream not in the list");
    remove_at(d->list, i);
    d->removed++;
    return 0;
}

int main(void)
{
    srtp_stream_list_t list;
    int round, i;
    struct remove_odd_data odd;

    CHECK(srtp_stream_list_alloc(&list) == srtp_err_status_ok, "alloc");
    for (round = 0; round < 40; round++) {
        int target = (int)(next_random() % MAX_STREAMS);
        while (live_count < target)
            insert_one(list);
        check_all(list);
        /* remove about a third, from anywhere */
        for (i = live_count / 3; i > 0 && live_count > 0; i--)
            remove_at(list, (int)(next_random() % (uint32_t)live_count));
        check_all(list);
        /* churn: one in, one out (a consumer replaced) */
        for (i = 0; i < 500; i++) {
            insert_one(list);
            remove_at(list, (int)(next_random() % (uint32_t)live_count));
        }
        check_all(list);
    }
    odd.list = list;
    odd.removed = 0;
    srtp_stream_list_for_each(list, remove_odd_cb, &odd);
    for (i = 0; i < live_count; i++)
        CHECK((live[i]->ssrc & 1) == 0, "odd %u left after for_each removal", live[i]->ssrc);
    check_all(list);
    if (live_count > 0)
        CHECK(srtp_stream_list_dealloc(list) != srtp_err_status_ok, "dealloc of a non-empty list succeeded");
    while (live_count > 0)
        remove_at(list, live_count - 1);
    check_all(list);
    CHECK(srtp_stream_list_dealloc(list) == srtp_err_status_ok, "dealloc of the empty list");

    if (failures) {
        fprintf(stderr, "srtp_stream_index_test: %d failure(s)\n", failures);
        return 1;
    }
    printf("srtp_stream_index_test: passed (removed %d while iterating)\n", odd.removed);
    return 0;
}
