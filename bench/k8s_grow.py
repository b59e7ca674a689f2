#!/usr/bin/env python3
"""bench/k8s_grow.py - the Kubernetes C client, FACTOR times over, for the
growth figure of make bench: copy 1 is k8s-c as it is; copy c > 1 renames
every definition D to "rC.D" (its references and paths too) and every model
header, struct and function of D's snake name S to rC_S, so each copy's
names must be derived and bound anew (nothing binds by a name seen before).
The hand-written types the preset maps (object_t, int_or_string_t...) are
shared. Usage: k8s_grow.py K8S_C_DIR OUT_DIR FACTOR
Writes OUT_DIR/swagger.json, OUT_DIR/model/*.h, OUT_DIR/include and
OUT_DIR/external (symlinks to the originals).
"""
import json
import os
import re
import sys


def snake(name):
    """OpenAPI Generator's underscore(), as bind_snake() in src/bind.c."""
    s = re.sub(r"[-. /:|]", "_", name)
    s = re.sub(r"[^A-Za-z0-9_]", "", s)
    s = re.sub(r"([A-Z]+)([A-Z][a-z][a-z]+)", r"\1_\2", s)
    s = re.sub(r"([a-z\d])([A-Z])", r"\1_\2", s)
    return s.lower()


def rename_refs(node, prefix):
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str) and v.startswith("#/definitions/"):
                v = "#/definitions/" + prefix + v[len("#/definitions/"):]
            elif k == "operationId" and isinstance(v, str):
                v = prefix.replace(".", "_") + v
            out[k] = rename_refs(v, prefix)
        return out
    if isinstance(node, list):
        return [rename_refs(v, prefix) for v in node]
    return node


def grow_spec(spec, factor):
    defs, paths = {}, {}
    for c in range(1, factor + 1):
        prefix = "" if c == 1 else "r%d." % c
        for name, d in spec["definitions"].items():
            defs[prefix + name] = rename_refs(d, prefix)
        for p, item in spec.get("paths", {}).items():
            paths[("" if c == 1 else "/r%d" % c) + p] = rename_refs(item, prefix)
    out = dict(spec)
    out["definitions"] = defs
    out["paths"] = paths
    return out


WORD = re.compile(r"[A-Za-z0-9_]+")


def rename_header(text, stems, c):
    """Prefix each word that is a model's snake name, or starts with it and
    a '_' (after leading underscores: include guards), with rC_."""
    def sub(m):
        w = m.group(0)
        lead = len(w) - len(w.lstrip("_"))
        core = w[lead:]
        parts = core.split("_")
        for n in range(len(parts), 0, -1):
            if "_".join(parts[:n]) in stems:
                return w[:lead] + "r%d_" % c + core
        return w
    return WORD.sub(sub, text)


def main():
    src, out, factor = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(os.path.join(src, "swagger.json")) as f:
        spec = json.load(f)
    stems = {snake(d) for d in spec["definitions"]}
    os.makedirs(os.path.join(out, "model"), exist_ok=True)
    with open(os.path.join(out, "swagger.json"), "w") as f:
        json.dump(grow_spec(spec, factor), f, indent=1)
    for sub in ("include", "external"):
        link = os.path.join(out, sub)
        if not os.path.lexists(link):
            os.symlink(os.path.abspath(os.path.join(src, sub)), link)
    model = os.path.join(src, "model")
    for name in sorted(os.listdir(model)):
        if not name.endswith(".h"):
            continue
        with open(os.path.join(model, name)) as f:
            text = f.read()
        stem = name[:-2]
        for c in range(1, factor + 1):
            if c > 1 and stem not in stems:
                continue  # a shared hand-written type
            new = name if c == 1 else "r%d_%s" % (c, name)
            body = text if c == 1 else rename_header(text, stems, c)
            with open(os.path.join(out, "model", new), "w") as f:
                f.write(body)


if __name__ == "__main__":
    main()
