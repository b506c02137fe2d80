/*
 * libsrtp 2.5's stream list with an SSRC index (built in by build-mediasoup-worker.sh, which
 * compiles libsrtp with -DSRTP_NO_STREAM_LIST and appends `#include "srtp_stream_index.c"` to
 * srtp/srtp.c; stream_list_priv.h is the interface and its contract).
 *
 * Why: libsrtp looks up the packet's SSRC in the session's stream list on every protect and
 * unprotect. Its own list is a linked list through the streams themselves, so a lookup walks,
 * one cache miss at a time, up to every SSRC the transport ever sent. A subscriber in a 100-person
 * room sends ~100 SSRCs; `perf` on the worker during bench:capacity's PTG 100 put 8 % of its time
 * in srtp_stream_list_get. Here a lookup is one probe (rarely a few) in a compact open-addressing
 * table of (ssrc, stream) pairs.
 *
 * The streams stay chained through their own next/prev fields as before (insert at the head,
 * O(1) removal, iteration that may remove the current stream: libsrtp relies on that); the table
 * only indexes them by SSRC. Linear probing, at most half full, removal by backward shift (no
 * tombstones, so lookups never slow down as consumers come and go).
 */

#define SRTP_STREAM_INDEX_MIN_CAPACITY 16u

struct srtp_stream_index_slot {
    uint32_t ssrc;
    srtp_stream_t stream; /* NULL: empty */
};

struct srtp_stream_list_ctx_t_ {
    srtp_stream_ctx_t head; /* a stub: head.next is the first stream */
    struct srtp_stream_index_slot *slots;
    uint32_t capacity; /* a power of two */
    uint32_t size;
};

static uint32_t srtp_stream_index_home(uint32_t ssrc, uint32_t capacity)
{
    /* Fibonacci hashing: SSRCs are random, but a sender may pick close ones (RTX = SSRC + 1). */
    return (uint32_t)(ssrc * 2654435761u) & (capacity - 1);
}

static void srtp_stream_index_put(struct srtp_stream_index_slot *slots,
                                  uint32_t capacity,
                                  srtp_stream_t stream)
{
    uint32_t i = srtp_stream_index_home(stream->ssrc, capacity);
    while (slots[i].stream != NULL) {
        i = (i + 1) & (capacity - 1);
    }
    slots[i].ssrc = stream->ssrc;
    slots[i].stream = stream;
}

static srtp_err_status_t srtp_stream_index_grow(srtp_stream_list_t list)
{
    uint32_t capacity = list->capacity * 2;
    struct srtp_stream_index_slot *slots;
    uint32_t i;

    if (capacity < list->capacity) {
        return srtp_err_status_alloc_fail;
    }
    /* srtp_crypto_alloc zeroes: every slot starts empty */
    slots = srtp_crypto_alloc(capacity * sizeof(*slots));
    if (slots == NULL) {
        return srtp_err_status_alloc_fail;
    }
    for (i = 0; i < list->capacity; i++) {
        if (list->slots[i].stream != NULL) {
            srtp_stream_index_put(slots, capacity, list->slots[i].stream);
        }
    }
    srtp_crypto_free(list->slots);
    list->slots = slots;
    list->capacity = capacity;
    return srtp_err_status_ok;
}

srtp_err_status_t srtp_stream_list_alloc(srtp_stream_list_t *list_ptr)
{
    srtp_stream_list_t list = srtp_crypto_alloc(sizeof(*list));
    if (list == NULL) {
        return srtp_err_status_alloc_fail;
    }
    list->slots = srtp_crypto_alloc(SRTP_STREAM_INDEX_MIN_CAPACITY *
                                    sizeof(*list->slots));
    if (list->slots == NULL) {
        srtp_crypto_free(list);
        return srtp_err_status_alloc_fail;
    }
    list->head.next = NULL;
    list->head.prev = NULL;
    list->capacity = SRTP_STREAM_INDEX_MIN_CAPACITY;
    list->size = 0;
    *list_ptr = list;
    return srtp_err_status_ok;
}

srtp_err_status_t srtp_stream_list_dealloc(srtp_stream_list_t list)
{
    /* the list must be empty */
    if (list->head.next != NULL) {
        return srtp_err_status_fail;
    }
    srtp_crypto_free(list->slots);
    srtp_crypto_free(list);
    return srtp_err_status_ok;
}

srtp_err_status_t srtp_stream_list_insert(srtp_stream_list_t list,
                                          srtp_stream_t stream)
{
    if ((list->size + 1) * 2 > list->capacity) {
        srtp_err_status_t status = srtp_stream_index_grow(list);
        if (status != srtp_err_status_ok) {
            return status;
        }
    }
    srtp_stream_index_put(list->slots, list->capacity, stream);
    list->size++;

    /* insert at the head of the chain */
    stream->next = list->head.next;
    if (stream->next != NULL) {
        stream->next->prev = stream;
    }
    list->head.next = stream;
    stream->prev = &list->head;
    return srtp_err_status_ok;
}

srtp_stream_t srtp_stream_list_get(srtp_stream_list_t list, uint32_t ssrc)
{
    uint32_t mask = list->capacity - 1;
    uint32_t i = srtp_stream_index_home(ssrc, list->capacity);
    /* at most half full: an empty slot ends every probe */
    while (list->slots[i].stream != NULL) {
        if (list->slots[i].ssrc == ssrc) {
            return list->slots[i].stream;
        }
        i = (i + 1) & mask;
    }
    return NULL;
}

void srtp_stream_list_remove(srtp_stream_list_t list,
                             srtp_stream_t stream_to_remove)
{
    uint32_t mask = list->capacity - 1;
    uint32_t i = srtp_stream_index_home(stream_to_remove->ssrc, list->capacity);
    uint32_t j;

    while (list->slots[i].stream != stream_to_remove) {
        if (list->slots[i].stream == NULL) {
            return; /* not in this list */
        }
        i = (i + 1) & mask;
    }
    /*
     * Backward-shift deletion: move up each later entry of the probe run whose home is not
     * cyclically within (i, j], so every remaining entry stays reachable from its home.
     */
    list->slots[i].stream = NULL;
    j = i;
    for (;;) {
        uint32_t home;
        j = (j + 1) & mask;
        if (list->slots[j].stream == NULL) {
            break;
        }
        home = srtp_stream_index_home(list->slots[j].ssrc, list->capacity);
        if (((j - home) & mask) >= ((j - i) & mask)) {
            list->slots[i] = list->slots[j];
            list->slots[j].stream = NULL;
            i = j;
        }
    }
    list->size--;

    stream_to_remove->prev->next = stream_to_remove->next;
    if (stream_to_remove->next != NULL) {
        stream_to_remove->next->prev = stream_to_remove->prev;
    }
}

void srtp_stream_list_for_each(srtp_stream_list_t list,
                               int (*callback)(srtp_stream_t, void *),
                               void *data)
{
    srtp_stream_t stream = list->head.next;
    while (stream != NULL) {
        srtp_stream_t current = stream;
        /* read before the callback, which may remove the current stream */
        stream = stream->next;
        if (callback(current, data)) {
            break;
        }
    }
}
