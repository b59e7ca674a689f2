/*
 * report.c - the registry of formats and atomic output. A report file is
 * either the whole new report or the old file: the temporary is written,
 * flushed and synced in the target's directory, then renamed over it.
 */
#include "config.h"

#include "report.h"
#include "diag.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct reporter *const registry[] = {
        &report_text,
};

const struct reporter *report_find(const char *name)
{
	for (size_t i = 0; i < sizeof registry / sizeof registry[0]; i++)
		if (!strcmp(registry[i]->name, name))
			return registry[i];
	return NULL;
}

static int write_atomic(const struct reporter *r, const struct report_input *in, const char *path)
{
	struct loc at = {loc_intern(path), 0, 0};
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		diag_error(&at, "cannot write report: %s", strerror(errno));
		free(tmp);
		return -1;
	}
	FILE *fp = fdopen(fd, "w");
	int rc = fp ? r->write(fp, in) : -1;
	int e = errno;
	if (fp) {
		if (fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0)
			rc = -1, e = errno;
		if (fclose(fp) != 0 && rc == 0)
			rc = -1, e = errno;
	} else {
		close(fd);
	}
	if (rc == 0) {
		/* mkstemp makes 0600; a report is an ordinary file */
		mode_t mask = umask(0);
		umask(mask);
		chmod(tmp, 0666 & ~mask);
		if (rename(tmp, path) != 0)
			rc = -1, e = errno;
	}
	if (rc) {
		unlink(tmp);
		diag_error(&at, "cannot write report: %s", strerror(e ? e : EIO));
	}
	free(tmp);
	return rc;
}

int report_emit(const struct reporter *r, const struct report_input *in, const char *path)
{
	if (path && strcmp(path, "-"))
		return write_atomic(r, in, path);
	int rc = r->write(stdout, in);
	if (fflush(stdout) != 0 || rc) {
		diag_error(NULL, "cannot write the report to standard output: %s", strerror(errno));
		return -1;
	}
	return 0;
}
