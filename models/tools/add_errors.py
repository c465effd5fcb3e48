#!/usr/bin/env python3
"""Add botocore's exception shapes and operation `errors` lists to the models.

A maintenance tool, NOT part of the build (nothing in Cargo, `cargo xtask
regen` or CI runs it); the committed models/*.json stay the source of truth.
It is kept so the step is reproducible: run over the committed models it
changes nothing.

Requirements
------------
Only the Python standard library plus botocore's public service models (the
API reference): either an installed botocore (found by `import botocore`) or
--botocore-data pointing at an unpacked botocore `data/` directory holding
`apigateway/2015-07-09/service-2.json(.gz)` and
`apigatewayv2/2018-11-29/service-2.json(.gz)`.

    python3 models/tools/add_errors.py            # rewrite models/*.json
    python3 models/tools/add_errors.py --check    # exit 1 if anything would change

What it does, per model
-----------------------
1. Checks that the file round-trips byte for byte through the writer
   (`json.dumps(indent=2, ensure_ascii=False)` plus a final newline), that
   every operation and shape is botocore's, and that operations, shapes and
   operation keys are in botocore's order. Anything else is an error: the
   tool never reorders or reformats what is there.
2. Gives every operation botocore's `errors` list for it, verbatim, at
   botocore's key position in the operation object (after `output`, before
   `documentation`). An `errors` list already present must equal botocore's.
3. Adds every shape those lists name, copied whole from botocore (members,
   `documentation`, `error`, `exception`, `fault`, keys in botocore's order),
   plus, transitively, any shape their members target that the model lacks
   (reported; none today: apigateway's exceptions use `String`,
   apigatewayv2's `__string`, both already present). A shape already present
   must equal botocore's unless it is one of those member targets (those are
   the model's own, possibly pruned, shapes and are left alone).
4. Puts the shapes in botocore's order and writes the file. Only additions:
   no existing line changes.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import os
import sys

MODELS = {
    "apigateway": "2015-07-09",
    "apigatewayv2": "2018-11-29",
}


def botocore_data_dir(arg: str | None) -> str:
    if arg:
        return arg
    try:
        import botocore  # noqa: PLC0415
    except ImportError:
        sys.exit("botocore is not importable; pass --botocore-data DIR")
    return os.path.join(os.path.dirname(botocore.__file__), "data")


def botocore_version() -> str:
    try:
        import botocore  # noqa: PLC0415

        return botocore.__version__
    except ImportError:
        return "unknown"


def load_reference(data: str, service: str, version: str) -> dict:
    base = os.path.join(data, service, version, "service-2.json")
    if os.path.exists(base):
        with open(base, encoding="utf-8") as f:
            return json.load(f)
    with gzip.open(base + ".gz", "rt", encoding="utf-8") as f:
        return json.load(f)


def dump(model: dict) -> str:
    return json.dumps(model, indent=2, ensure_ascii=False) + "\n"


def check_order(what: str, ours, reference_order: list[str]) -> None:
    index = {k: i for i, k in enumerate(reference_order)}
    missing = [k for k in ours if k not in index]
    if missing:
        raise SystemExit(f"{what}: not in botocore: {missing}")
    positions = [index[k] for k in ours]
    if positions != sorted(positions):
        raise SystemExit(f"{what}: not in botocore's order: {list(ours)}")


def merge(service: str, model: dict, ref: dict) -> tuple[dict, list[str]]:
    notes: list[str] = []
    ref_ops = ref["operations"]
    ref_shapes = ref["shapes"]
    check_order(f"{service}: operations", model["operations"], list(ref_ops))
    check_order(f"{service}: shapes", model["shapes"], list(ref_shapes))

    # 2. errors lists
    wanted: list[str] = []
    operations = {}
    for name, op in model["operations"].items():
        ref_op = ref_ops[name]
        check_order(f"{service}: keys of operation {name}", op, list(ref_op))
        errors = copy.deepcopy(ref_op.get("errors", []))
        if "errors" in op and op["errors"] != errors:
            raise SystemExit(f"{service}: {name}.errors differs from botocore's")
        new_op = {}
        for key in ref_op:
            if key in op:
                new_op[key] = op[key]
            elif key == "errors" and errors:
                new_op[key] = errors
        operations[name] = new_op
        for e in errors:
            if e["shape"] not in wanted:
                wanted.append(e["shape"])

    # 3. exception shapes and, transitively, the shapes their members target
    shapes = dict(model["shapes"])
    for name in wanted:
        ref_shape = ref_shapes[name]
        if name in shapes:
            if shapes[name] != ref_shape:
                raise SystemExit(f"{service}: shape {name} differs from botocore's")
        else:
            shapes[name] = copy.deepcopy(ref_shape)
    todo = list(wanted)
    seen = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = shapes[name]
        targets = [m["shape"] for m in shape.get("members", {}).values()]
        targets += [shape[k]["shape"] for k in ("member", "key", "value") if k in shape]
        for t in targets:
            if t not in shapes:
                shapes[t] = copy.deepcopy(ref_shapes[t])
                notes.append(f"added {t} (targeted by a member of {name})")
                todo.append(t)

    # 4. botocore's shape order
    order = {k: i for i, k in enumerate(ref_shapes)}
    merged = dict(model)
    merged["operations"] = operations
    merged["shapes"] = {k: shapes[k] for k in sorted(shapes, key=order.__getitem__)}
    with_errors = sum(1 for op in operations.values() if op.get("errors"))
    notes.insert(
        0,
        f"{len(wanted)} exception shapes ({', '.join(sorted(wanted, key=order.__getitem__))}); "
        f"{with_errors} of {len(operations)} operations with errors; "
        f"{len(merged['shapes'])} shapes in all",
    )
    return merged, notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", default=os.path.join(os.path.dirname(__file__), ".."))
    parser.add_argument("--botocore-data", help="botocore's data/ directory")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    args = parser.parse_args()

    data = botocore_data_dir(args.botocore_data)
    if args.botocore_data:
        print(f"botocore data: {data}")
    else:
        print(f"botocore {botocore_version()} data: {data}")
    changed = []
    for service, version in MODELS.items():
        path = os.path.join(args.models, f"{service}.json")
        with open(path, encoding="utf-8") as f:
            raw = f.read()
        model = json.loads(raw)
        if dump(model) != raw:
            raise SystemExit(f"{path}: does not round-trip through the writer; not touching it")
        ref = load_reference(data, service, version)
        merged, notes = merge(service, model, ref)
        out = dump(merged)
        for n in notes:
            print(f"{service}: {n}")
        if out != raw:
            changed.append(path)
            if not args.check:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(out)
    if args.check:
        if changed:
            print("would change: " + ", ".join(changed))
            return 1
        print("up to date")
    else:
        print("wrote: " + (", ".join(changed) if changed else "nothing (already up to date)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
