// Thread placement needs glibc's GNU affinity calls, which Swift's Glibc module does not import; elsewhere (macOS,
// musl) a thread starts where the system puts it.
#define _GNU_SOURCE
#include "CThreadStart.h"
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
// The headers above define __GLIBC__ where glibc is the C library.
#if defined(__linux__) && defined(__GLIBC__)
#define REX_PLACES_THREADS 1
#include <sched.h>
#include <unistd.h>
#endif

struct start {
    void (*body)(void *);
    void *context;
};

static void *run(void *raw) {
    struct start start = *(struct start *)raw;
    free(raw);
    start.body(start.context);
    return NULL;
}

#ifdef REX_PLACES_THREADS
/// The processors the process may run on: those of its first thread, which no thread of Rex narrows.
static int allowed_processors(cpu_set_t *allowed) {
    return sched_getaffinity(getpid(), sizeof *allowed, allowed) == 0 ? 0 : errno;
}
#endif

int rex_thread_start_elsewhere(void (*body)(void *), void *context, int *avoided) {
    *avoided = -1;
    struct start *start = malloc(sizeof *start);
    if (start == NULL) return ENOMEM;
    start->body = body;
    start->context = context;
    pthread_attr_t attributes;
    int error = pthread_attr_init(&attributes);
    if (error != 0) {
        free(start);
        return error;
    }
#ifdef REX_PLACES_THREADS
    cpu_set_t elsewhere;
    int here = sched_getcpu();
    if (here >= 0 && allowed_processors(&elsewhere) == 0 && CPU_ISSET(here, &elsewhere) && CPU_COUNT(&elsewhere) > 1) {
        CPU_CLR(here, &elsewhere);
        if (pthread_attr_setaffinity_np(&attributes, sizeof elsewhere, &elsewhere) == 0) *avoided = here;
    }
#endif
    pthread_t thread;
    error = pthread_create(&thread, &attributes, run, start);
    if (error == EINVAL && *avoided >= 0) {
        // The processors left were taken away meanwhile: start it anywhere.
        *avoided = -1;
        pthread_attr_destroy(&attributes);
        pthread_attr_init(&attributes);
        error = pthread_create(&thread, &attributes, run, start);
    }
    pthread_attr_destroy(&attributes);
    if (error != 0) {
        free(start);
        *avoided = -1;
        return error;
    }
    pthread_detach(thread);
    return 0;
}

int rex_thread_allow_all_processors(void) {
#ifdef REX_PLACES_THREADS
    cpu_set_t allowed;
    int error = allowed_processors(&allowed);
    return error != 0 ? error : pthread_setaffinity_np(pthread_self(), sizeof allowed, &allowed);
#else
    return 0;
#endif
}

int rex_thread_current_processor(void) {
#ifdef REX_PLACES_THREADS
    return sched_getcpu();
#else
    return -1;
#endif
}

int rex_thread_may_run_on(int processor) {
#ifdef REX_PLACES_THREADS
    cpu_set_t allowed;
    if (processor < 0 || processor >= CPU_SETSIZE
        || pthread_getaffinity_np(pthread_self(), sizeof allowed, &allowed) != 0) return 1;
    return CPU_ISSET(processor, &allowed) ? 1 : 0;
#else
    (void)processor;
    return 1;
#endif
}
