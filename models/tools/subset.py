#!/usr/bin/env python3
"""Cut a botocore service model down to some operations and the shapes they use.

    python3 models/tools/subset.py BOTOCORE_DATA SERVICE OUT.json Operation...

BOTOCORE_DATA is botocore's `data/` directory; SERVICE a directory name in it
(`s3`, `sts`, `ec2`); the latest API version is used. The output keeps the
model's `metadata`, the named operations as they are, and every shape they
reach (inputs, outputs, errors and everything those refer to), with the
documentation removed (it is most of a model's size and the tests do not read
it). The wire-protocol fixtures in tests/fixtures (sts, s3, ec2) were cut with
it from botocore 1.44.8 (see tests/fixtures/README.md).
"""

import gzip
import json
import os
import sys


def load(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def latest_model(data, service):
    base = os.path.join(data, service)
    version = sorted(v for v in os.listdir(base) if os.path.isdir(os.path.join(base, v)))[-1]
    for name in ("service-2.json", "service-2.json.gz"):
        path = os.path.join(base, version, name)
        if os.path.exists(path):
            return load(path)
    sys.exit(f"no service-2.json for {service} {version}")


def refs(shape):
    for key in ("member", "key", "value"):
        if key in shape:
            yield shape[key]["shape"]
    for member in shape.get("members", {}).values():
        yield member["shape"]


def strip_docs(value):
    if isinstance(value, dict):
        return {k: strip_docs(v) for k, v in value.items() if k != "documentation"}
    if isinstance(value, list):
        return [strip_docs(v) for v in value]
    return value


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    data, service, out, operations = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    model = latest_model(data, service)
    ops = {}
    todo = []
    for name in operations:
        op = model["operations"].get(name)
        if op is None:
            sys.exit(f"{service} has no operation {name}")
        ops[name] = op
        for key in ("input", "output"):
            if key in op:
                todo.append(op[key]["shape"])
        todo.extend(e["shape"] for e in op.get("errors", []))
    shapes = {}
    while todo:
        name = todo.pop()
        if name in shapes:
            continue
        shapes[name] = model["shapes"][name]
        todo.extend(refs(shapes[name]))
    subset = {
        "version": model.get("version", "2.0"),
        "metadata": model["metadata"],
        "operations": dict(sorted(ops.items())),
        "shapes": dict(sorted(shapes.items())),
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(strip_docs(subset), f, indent=1, sort_keys=False)
        f.write("\n")


if __name__ == "__main__":
    main()
