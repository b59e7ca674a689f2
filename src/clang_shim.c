/*
 * clang_shim.c - opens libclang on first use (see clang_shim.h for why).
 * The library is the one configure found: its path in the build machine's
 * LLVM directory, then its soname, which the dynamic loader finds wherever
 * the distribution put it.
 */
#include "config.h"

#include "clang_shim.h"
#include "diag.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

#define OAC_CLANG_DEFINE(f) __typeof__(f) *oac_p_##f;
OAC_CLANG_FUNCS(OAC_CLANG_DEFINE)
#undef OAC_CLANG_DEFINE

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int status = -1;

static void *open_library(void)
{
	static const char *const names[] = {OAC_LIBCLANG_PATH, OAC_LIBCLANG_SONAME};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		void *h = names[i][0] ? dlopen(names[i], RTLD_NOW | RTLD_LOCAL) : NULL;
		if (h)
			return h;
	}
	return NULL;
}

static void load(void)
{
	void *h = open_library();
	if (!h) {
		diag_error(NULL,
		           "cannot load libclang (%s): %s; on Debian 12: apt-get install "
		           "libclang-14-dev",
		           OAC_LIBCLANG_SONAME, dlerror());
		return;
	}
	const char *missing = NULL;
#define OAC_CLANG_LOAD(f)                                                                          \
	if (!(oac_p_##f = (__typeof__(oac_p_##f))dlsym(h, #f)) && !missing)                        \
		missing = #f;
	OAC_CLANG_FUNCS(OAC_CLANG_LOAD)
#undef OAC_CLANG_LOAD
	if (missing) {
		diag_error(NULL, "libclang (%s) has no function %s: it is too old",
		           OAC_LIBCLANG_SONAME, missing);
		return;
	}
	status = 0; /* the library stays loaded for the whole run */
}

int clang_shim_load(void)
{
	pthread_once(&once, load);
	return status;
}
