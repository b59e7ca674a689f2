/*
 * inputs.h - the spec and the headers, loaded side by side (-j).
 */
#ifndef OAC_INPUTS_H
#define OAC_INPUTS_H

#include "hdr.h"
#include "opts.h"
#include "spec.h"
#include "util.h"

struct inputs {
	struct spec *spec;
	struct hdr_set *h; /* loaded ahead with the spec, until taken */
	int h_status;      /* 0, or 3: the headers ahead could not be loaded */
	bool ahead;        /* h and h_status hold the headers loaded ahead */
	struct sbuf h_diags;
};

/* Load the spec, and the headers too when headers is set: with more than
 * one job the spec in a second thread while clang parses the headers in
 * this one. Returns 0, or 3 (the spec did not load; its diagnostics are
 * printed, the headers' are dropped, as a run one after the other would
 * never have parsed them). */
int inputs_load(struct inputs *in, const struct opts *o, bool headers);
/* The headers (NULL: none given, or *status 3): those loaded ahead, their
 * diagnostics printed now, the first time; loaded now the next times. */
struct hdr_set *inputs_headers(struct inputs *in, const struct opts *o, int *status);
/* Free the spec and what was not taken. */
void inputs_free(struct inputs *in);

#endif
