#!/usr/bin/env python3
"""gen_spec.py - write a synthetic OpenAPI 3.0 document of about SIZE MB
for the spec-loading benchmark (bench/spec.sh): paths with $refs and
schemas of ten properties each, with non-ASCII descriptions and URLs, as
real specs have them. Usage: gen_spec.py SIZE_MB OUT.yaml [OUT.json]"""
import json
import re
import sys

def build(n_schemas):
    types = [("integer", "int64"), ("string", None), ("number", "double"),
             ("boolean", None), ("string", "date-time")]
    schemas = {}
    for i in range(n_schemas):
        props = {}
        for j in range(10):
            t, fmt = types[(i + j) % len(types)]
            p = {"type": t, "description": f"Field {j} of model {i} - caf\u00e9 \u6771\u4eac, see https://example.com/docs/{i}/{j}"}
            if fmt:
                p["format"] = fmt
            if t == "string" and not fmt:
                p["maxLength"] = 16 + j
            props[f"field{j}Name"] = p
        if i > 0:
            props["parent"] = {"$ref": f"#/components/schemas/Model{i - 1}"}
        schemas[f"Model{i}"] = {"type": "object", "required": ["field0Name", "field1Name"],
                                "properties": props}
    paths = {}
    for i in range(0, n_schemas, 3):
        ref = {"$ref": f"#/components/schemas/Model{i}"}
        paths[f"/models/{i}/{{id}}"] = {
            "get": {"operationId": f"getModel{i}", "summary": f"Get model {i}",
                    "parameters": [{"name": "id", "in": "path", "required": True,
                                    "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "OK", "content": {
                        "application/json": {"schema": ref}}}}},
            "post": {"operationId": f"postModel{i}",
                     "requestBody": {"content": {"application/json": {"schema": ref}}},
                     "responses": {"201": {"description": "Created"}}}}
    return {"openapi": "3.0.3", "info": {"title": "Bench", "version": "1.0"},
            "paths": paths, "components": {"schemas": schemas}}

PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,._/:{}\u00e9\u6771\u4eac-]*$")


def scalar(x):
    """Plain style where YAML allows it (as people write specs), else JSON."""
    if isinstance(x, str) and PLAIN.match(x) and ": " not in x and x.lower() not in (
            "true", "false", "null", "yes", "no") and not x.endswith(":"):
        return x
    return json.dumps(x, ensure_ascii=False)


def to_yaml(v, ind, out):
    pad = "  " * ind
    for k, x in v.items():
        key = json.dumps(k) if k.startswith(("/", "$")) or k.isdigit() else k
        if isinstance(x, dict):
            out.append(f"{pad}{key}:")
            to_yaml(x, ind + 1, out)
        elif isinstance(x, list):
            out.append(f"{pad}{key}:")
            for e in x:
                if isinstance(e, dict):
                    sub = []
                    to_yaml(e, ind + 2, sub)
                    out.append(f"{pad}  - " + sub[0].lstrip())
                    out.extend(sub[1:])
                else:
                    out.append(f"{pad}  - {scalar(e)}")
        else:
            out.append(f"{pad}{key}: {scalar(x)}")

def main():
    size = float(sys.argv[1]) * 1e6
    n = max(10, int(size / 1990))
    doc = build(n)
    lines = []
    to_yaml(doc, 0, lines)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    if len(sys.argv) > 3:
        with open(sys.argv[3], "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=2)

main()
