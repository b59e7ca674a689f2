#!/usr/bin/env python3
"""Generate N model headers like FACTS.md §3: one typedef'd struct of ten
members each, nine of them commented in the forms users write (trailing //,
/**<, ///<, /* */, leading //), all including stdint/stdbool/stddef and
about a quarter including another header. Usage: gen_headers.py DIR [N]"""
import os
import sys

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 800
os.makedirs(out, exist_ok=True)
for i in range(n):
    name = "h%04d" % i
    lines = ["#ifndef H%04d_H" % i, "#define H%04d_H" % i,
             "#include <stdint.h>", "#include <stdbool.h>", "#include <stddef.h>"]
    if i % 4 == 3:
        lines.append('#include "h%04d.h"' % (i - 1))
    lines += ["", "/** Model %d. @schema Model%d */" % (i, i), "typedef struct {"]
    lines += [
        "\tint64_t id; // numeric @json id",
        "\tchar name[64]; /**< the name */",
        "\tbool active; ///< @json isActive",
        "\tdouble price; /* price in EUR */",
        "\t// @format date-time",
        "\tchar created[32];",
        "\tuint32_t count; // how many",
        "\tconst char *note; /**< @optional */",
        "\tint32_t tags[8]; ///< @json tagIds",
        "\tsize_t n_items; // count of items",
        "\tfloat ratio;",
    ]
    if i % 4 == 3:
        lines[-1] = "\tm%04d_t prev;" % (i - 1)
    lines += ["} m%04d_t;" % i, "", "#endif", ""]
    with open(os.path.join(out, name + ".h"), "w") as f:
        f.write("\n".join(lines))
