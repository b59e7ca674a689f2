#!/usr/bin/env python3
"""bench/gen.py - generate a spec and matching annotated headers for the
whole-check benchmark: N object schemas of 10 properties each (integers of
several formats, strings with and without maxLength, enums, arrays with count
members, references), one header per schema, plus paths with descriptions
until the spec reaches the asked size.

usage: gen.py OUTDIR N_SCHEMAS SPEC_MB
"""
import os
import sys

out, n, mb = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
os.makedirs(os.path.join(out, "include"), exist_ok=True)

kinds = [
    ("id", "    type: integer\n          format: int64", "int64_t {m};"),
    ("name", "    type: string\n          maxLength: 63", "char {m}[64];"),
    ("count", "    type: integer\n          format: int32\n          minimum: 0", "int32_t {m};"),
    ("ratio", "    type: number", "double {m};"),
    ("enabled", "    type: boolean", "bool {m};"),
    ("label", "    type: string", "char *{m}; /**< optional */"),
    ("state", "    type: string\n          enum: [idle, running, stopped]", "enum state_{i} {m};"),
    ("tags", "    type: array\n          items:\n            type: string", "char **{m};\n\tsize_t n_{m};"),
    ("parent", "    $ref: '#/components/schemas/Model{p}'", "struct model_{p} *{m};"),
    ("createdAt", "    type: string\n          format: date-time", "char *{m}; /**< @format date-time */"),
]

schemas = []
for i in range(n):
    p = (i + 1) % n
    props = []
    for j, (base, spec, _) in enumerate(kinds):
        props.append("        %s%d:\n      %s" % (base, j, spec.replace("{p}", str(p))))
    req = ", ".join("%s%d" % (k[0], j) for j, k in enumerate(kinds) if k[0] not in ("label", "parent"))
    schemas.append("    Model%d:\n      type: object\n      description: Generated model %d\n"
                   "      required: [%s]\n      properties:\n%s\n" % (i, i, req, "\n".join(props)))

paths = []
size = sum(len(s) for s in schemas)
k = 0
while size < mb * 1e6:
    p = ("  /things/%d/{id}:\n    get:\n      operationId: getThing%d\n"
         "      description: %s\n      parameters:\n        - name: id\n          in: path\n"
         "          required: true\n          schema:\n            type: string\n"
         "      responses:\n        '200':\n          description: the thing\n"
         "          content:\n            application/json:\n              schema:\n"
         "                $ref: '#/components/schemas/Model%d'\n"
         % (k, k, "Returns one generated thing. " * 20, k % n))
    paths.append(p)
    size += len(p)
    k += 1

with open(os.path.join(out, "openapi.yaml"), "w") as f:
    f.write("openapi: 3.0.3\ninfo:\n  title: Bench\n  version: '1'\npaths:\n")
    f.write("".join(paths))
    f.write("components:\n  schemas:\n")
    f.write("".join(schemas))

for i in range(n):
    p = (i + 1) % n
    members = []
    for j, (base, _, decl) in enumerate(kinds):
        members.append("\t" + decl.replace("{m}", "%s%d" % (base, j)).replace("{i}", str(i)).replace("{p}", str(p)))
    with open(os.path.join(out, "include", "model_%d.h" % i), "w") as f:
        f.write("#ifndef MODEL_%d_H\n#define MODEL_%d_H\n#include <stdbool.h>\n#include <stddef.h>\n"
                "#include <stdint.h>\n\nstruct model_%d;\n\nenum state_%d { STATE_%d_IDLE, STATE_%d_RUNNING, STATE_%d_STOPPED };\n\n"
                "/** Generated model %d. @schema Model%d */\nstruct model_%d {\n%s\n};\n\n#endif\n"
                % (i, i, p, i, i, i, i, i, i, i, "\n".join(members)))
