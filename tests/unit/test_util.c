/* test_util.c - the near-miss rank every "did you mean" uses. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util.h"

static void near_miss_ranks(void **state)
{
	(void)state;
	static const struct {
		const char *typed, *meant;
		unsigned rank;
	} cases[] = {
	        {"SizeRW", "SizeRw", 0},             /* case alone */
	        {"photo_urls", "photoUrls", 0},      /* '_' alone */
	        {"jsno", "json", 1},                 /* one swap */
	        {"cpuset_spus", "CpusetCpus", 1},    /* one change, 10 letters */
	        {"dispaly_name", "display_name", 1}, /* one swap */
	        {"resolv_conv_path", "ResolvConfPath", 1},
	        {"date", "file_date", 10},       /* a word before it */
	        {"thumb", "thumbnail", 20},      /* a prefix */
	        {"notifs", "notifications", 30}, /* an abbreviation */
	        {"muting_notifs", "muting_notifications", 30},
	        {"id", "ids", UTIL_FAR},        /* too short to guess */
	        {"name", "nickname", UTIL_FAR}, /* not from the start */
	        {"thu", "thumbnail", UTIL_FAR}, /* too short a prefix */
	        {"read", "Dead", 1},
	        {"username", "user", UTIL_FAR},   /* longer than meant */
	        {"metadata", "mtData", UTIL_FAR}, /* two drops, 6 letters: no */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned got = util_near_miss(cases[i].typed, cases[i].meant);
		if (got != cases[i].rank)
			fail_msg("util_near_miss(%s, %s) = %u, want %u", cases[i].typed,
			         cases[i].meant, got, cases[i].rank);
	}
}

/* Nearer ranks first: an edit beats a prefix, a prefix an abbreviation. */
static void near_miss_orders(void **state)
{
	(void)state;
	assert_true(util_near_miss("thumbnal", "thumbnail") < util_near_miss("thumb", "thumbnail"));
	assert_true(util_near_miss("notifica", "notifications") <
	            util_near_miss("notifs", "notifications"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(near_miss_ranks),
	        cmocka_unit_test(near_miss_orders),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
