#!/usr/bin/env python3
"""Add whole operations from botocore to the models, and copy its paginators.

A maintenance tool, NOT part of the build (nothing in Cargo, `cargo xtask
regen` or CI runs it); the committed models/*.json and models/paginators/*.json
stay the source of truth. It is kept so the step is reproducible: run over the
committed files with botocore 1.44.5's data it changes nothing.

Requirements
------------
Only the Python standard library plus botocore's public data (the API
reference): either an installed botocore (found by `import botocore`) or
--botocore-data pointing at an unpacked botocore `data/` directory holding
`apigateway/2015-07-09/` and `apigatewayv2/2018-11-29/` (`service-2.json(.gz)`
and `paginators-1.json`). The committed files were written from botocore
1.44.5's data, e.g.

    pip download botocore==1.44.5 --no-deps -d /tmp/bc
    (cd /tmp/bc && unzip -q botocore-1.44.5-py3-none-any.whl 'botocore/data/apigateway*')
    python3 models/tools/add_operations.py --botocore-data /tmp/bc/botocore/data
    python3 models/tools/add_operations.py --check --botocore-data /tmp/bc/botocore/data

The tool prints whether the data it read is 1.44.5's (SHA-256 of the
uncompressed service-2.json, see REFERENCE_SHA256). botocore 1.43.11's
apigateway model differs in shapes this step adds (`Authorizer`'s
`jwtConfiguration`, `AuthorizerType`'s `JWT`, `Method`/`PutMethodRequest`,
`Integration`/`PutIntegrationRequest` docs, ...), so `--check` with it fails.

What it does, per model
-----------------------
1. Checks, like add_errors.py, that the file round-trips byte for byte
   through the writer (`json.dumps(indent=2, ensure_ascii=False)` plus a final
   newline), that every operation and shape is botocore's, and that
   operations, shapes and operation keys are in botocore's order.
2. Adds every operation of OPERATIONS (below) that the model lacks: botocore's
   operation object verbatim (its key order, `output` reference with its
   documentation, `errors` list with the per-entry documentation apigatewayv2
   has), with one normalisation that the models apply everywhere:
   `http.responseCode` is written explicitly, 200, where botocore leaves the
   default out. An operation already present must equal exactly that.
3. Adds every shape those operations reach (input, output, errors, and
   transitively every member / list member / map key and value target),
   copied whole from botocore (all keys, botocore's key order). The walk goes
   through the model's own version of a shape where the model has one.
   - A reached shape that the seed operations (every operation NOT listed in
     OPERATIONS) also reach is the model's own (transcribed from the pages,
     possibly pruned or with the pages' wording): it is KEPT as it is, and
     where it differs from botocore's the difference is reported.
   - Any other reached shape belongs to this step and must equal botocore's.
   A new timestamp shape without `timestampFormat` would need the models'
   explicit-format convention; the tool stops instead (none occurs).
4. Puts operations and shapes in botocore's order and writes the file. Only
   additions: no existing line changes.
5. Copies botocore's `paginators-1.json` for the service, byte for byte, to
   models/paginators/<service>.json (a subdirectory: the generator reads
   every `*.json` directly in models/ as a model), and checks every paginator
   against the written model: its operation exists, `input_token` and
   `limit_key` are members of the input shape, `output_token`, `result_key`
   (a string or a list), `non_aggregate_keys` and `more_results` resolve in
   the output shape. An expression is a JMESPath subset: `a`, `a.b`,
   `a || b`; anything else is reported as complex and is an error.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import hashlib
import json
import os
import re
import sys

MODELS = {
    "apigateway": "2015-07-09",
    "apigatewayv2": "2018-11-29",
}

# SHA-256 of botocore 1.44.5's uncompressed service-2.json / paginators-1.json.
REFERENCE_VERSION = "1.44.5"
REFERENCE_SHA256 = {
    "apigateway": (
        "2cfcf526ca6baaf5238e07cfc4ad93a88b42fd810057e34b39383963ac6b0552",
        "83001bd4aec2907742e3da407f064c81a4f5f079b5af9a832b59bfea6f8a8bdc",
    ),
    "apigatewayv2": (
        "fdb831dc9be4cb380b42e21525a1a7e6e379958b7d8a3df7fd71c6c7f50df47c",
        "b908a3a76b3c6a87de47a317634283ae06095c5f039363f7e0b6f0e87f6eb529",
    ),
}

# Operations to add, per service, in groups with the reason for each group.
# (reason, operations); an operation appears once per service.
OPERATIONS: dict[str, list[tuple[str, list[str]]]] = {
    "apigateway": [
        (
            "paginated: botocore's paginators-1.json has a paginator for it and the "
            "models lacked it (the other 6 paginated operations, GetApiKeys, "
            "GetClientCertificates, GetDomainNames, GetRestApis, GetUsagePlans and "
            "GetGatewayResponses, were already in the models)",
            [
                "GetBasePathMappings",
                "GetDeployments",
                "GetModels",
                "GetResources",
                "GetUsage",
                "GetUsagePlanKeys",
                "GetVpcLinks",
                "GetAuthorizers",
                "GetDocumentationParts",
                "GetDocumentationVersions",
                "GetRequestValidators",
                "GetSdkTypes",
            ],
        ),
        (
            "end-to-end: an end-to-end test builds a REST API (CreateRestApi, already "
            "in the models), finds its root resource (GetResources, above), adds a "
            "resource with a method and an integration, deploys it to a stage "
            "(CreateDeployment, CreateStage, already in the models) and removes "
            "everything again",
            [
                "CreateResource",
                "PutMethod",
                "PutIntegration",
                "DeleteRestApi",
                "GetResource",
                "DeleteResource",
                "DeleteStage",
                "DeleteDeployment",
            ],
        ),
    ],
    "apigatewayv2": [
        (
            "paginated: botocore's paginators-1.json has a paginator for it and the "
            "models lacked it (GetIntegrations and GetStages were already in the models)",
            [
                "GetApis",
                "GetAuthorizers",
                "GetDeployments",
                "GetDomainNames",
                "GetIntegrationResponses",
                "GetModels",
                "GetRouteResponses",
                "GetRoutes",
                "ListRoutingRules",
                "ListPortalProducts",
                "ListPortals",
                "ListProductPages",
                "ListProductRestEndpointPages",
            ],
        ),
        (
            "end-to-end: an end-to-end test creates an HTTP API, reads it, adds a "
            "stage (CreateStage, already in the models), updates it (UpdateStage, "
            "already in the models) and removes both again",
            [
                "CreateApi",
                "DeleteApi",
                "GetApi",
                "DeleteStage",
            ],
        ),
    ],
}

PAGINATORS_DIR = "paginators"


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


def read_reference_bytes(data: str, service: str, version: str, name: str) -> bytes:
    base = os.path.join(data, service, version, name)
    if os.path.exists(base):
        with open(base, "rb") as f:
            return f.read()
    with gzip.open(base + ".gz", "rb") as f:
        return f.read()


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


def targets(shape: dict) -> list[str]:
    out = [m["shape"] for m in shape.get("members", {}).values()]
    out += [shape[k]["shape"] for k in ("member", "key", "value") if k in shape]
    return out


def op_roots(op: dict) -> list[str]:
    roots = [op[k]["shape"] for k in ("input", "output") if k in op]
    roots += [e["shape"] for e in op.get("errors", [])]
    return roots


def closure(shapes: dict, roots: list[str]) -> list[str]:
    """Shapes reachable from roots through `shapes` (first-reached order)."""
    seen: list[str] = []
    todo = list(reversed(roots))
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.append(name)
        todo.extend(reversed(targets(shapes[name])))
    return seen


def build_op(ref_op: dict) -> dict:
    op = copy.deepcopy(ref_op)
    http = op["http"]
    if "responseCode" not in http:
        http["responseCode"] = 200
    return op


def describe_difference(ours: dict, theirs: dict) -> str:
    parts = []
    om, tm = ours.get("members", {}), theirs.get("members", {})
    lacks = [m for m in tm if m not in om]
    if lacks:
        parts.append(f"lacks botocore's members {lacks}")
    extra = [m for m in om if m not in tm]
    if extra:
        parts.append(f"has members botocore lacks {extra}")
    for m in om:
        if m in tm and om[m] != tm[m]:
            keys = sorted(k for k in set(om[m]) | set(tm[m]) if om[m].get(k) != tm[m].get(k))
            parts.append(f"member {m} differs in {keys}")
    for k in list(theirs) + [k for k in ours if k not in theirs]:
        if k == "members":
            continue
        if ours.get(k) != theirs.get(k):
            if k == "documentation":
                parts.append("documentation differs")
            else:
                parts.append(f"{k}: ours {ours.get(k)!r}, botocore {theirs.get(k)!r}")
    return "; ".join(parts)


def merge(service: str, model: dict, ref: dict) -> tuple[dict, list[str]]:
    notes: list[str] = []
    ref_ops = ref["operations"]
    ref_shapes = ref["shapes"]
    check_order(f"{service}: operations", model["operations"], list(ref_ops))
    check_order(f"{service}: shapes", model["shapes"], list(ref_shapes))
    for name, op in model["operations"].items():
        check_order(f"{service}: keys of operation {name}", op, list(ref_ops[name]))

    groups = OPERATIONS[service]
    listed = [op for _, ops in groups for op in ops]
    if len(set(listed)) != len(listed):
        raise SystemExit(f"{service}: an operation is listed twice in OPERATIONS")

    # The model's own shapes: what the seed operations (everything not listed) reach.
    own_roots = [r for n, op in model["operations"].items() if n not in listed for r in op_roots(op)]
    own = set(closure(model["shapes"], own_roots))

    # 2. operations
    operations = dict(model["operations"])
    added_ops = []
    for name in listed:
        if name not in ref_ops:
            raise SystemExit(f"{service}: {name} is not a botocore operation")
        want = build_op(ref_ops[name])
        if name in operations:
            if operations[name] != want:
                raise SystemExit(f"{service}: operation {name} is in the model but differs from botocore's")
        else:
            operations[name] = want
            added_ops.append(name)
        if "responseCode" not in ref_ops[name]["http"]:
            notes.append(f"op {name}: http.responseCode written explicitly as 200 (botocore leaves the default out)")

    # 3. shapes reached by the listed operations
    shapes = dict(model["shapes"])
    reached: list[str] = []
    todo = [r for name in listed for r in op_roots(operations[name])]
    todo.reverse()
    added_shapes = []
    differences = []
    while todo:
        name = todo.pop()
        if name in reached:
            continue
        reached.append(name)
        if name not in ref_shapes:
            raise SystemExit(f"{service}: shape {name} is not botocore's")
        theirs = ref_shapes[name]
        if name not in shapes:
            shapes[name] = copy.deepcopy(theirs)
            added_shapes.append(name)
        elif shapes[name] != theirs:
            if name in own:
                differences.append(f"kept the model's {name}: {describe_difference(shapes[name], theirs)}")
            else:
                raise SystemExit(
                    f"{service}: shape {name} (reached only by the added operations) differs from botocore's: "
                    f"{describe_difference(shapes[name], theirs)} (other botocore version?)"
                )
        shape = shapes[name]
        if shape["type"] == "timestamp" and "timestampFormat" not in shape:
            raise SystemExit(
                f"{service}: new timestamp shape {name} has no timestampFormat; the models write it "
                "explicitly (see transcribe.py): decide and extend this tool"
            )
        todo.extend(reversed(targets(shape)))

    # 4. botocore's order
    op_order = {k: i for i, k in enumerate(ref_ops)}
    shape_order = {k: i for i, k in enumerate(ref_shapes)}
    merged = dict(model)
    merged["operations"] = {k: operations[k] for k in sorted(operations, key=op_order.__getitem__)}
    merged["shapes"] = {k: shapes[k] for k in sorted(shapes, key=shape_order.__getitem__)}

    # Every reference in the result resolves.
    for name, op in merged["operations"].items():
        for r in op_roots(op):
            if r not in merged["shapes"]:
                raise SystemExit(f"{service}: {name} names missing shape {r}")
    for name, shape in merged["shapes"].items():
        for t in targets(shape):
            if t not in merged["shapes"]:
                raise SystemExit(f"{service}: {name} targets missing shape {t}")

    already = [n for n in listed if n not in added_ops]
    step_shapes = [s for s in reached if s not in own]
    notes.insert(
        0,
        f"{len(listed)} operations listed ({len(added_ops)} added now"
        + (f", {len(already)} already present" if already else "")
        + f"); they reach {len(reached)} shapes: {len(step_shapes)} belong to this step"
        f" ({len(added_shapes)} added now), {len(reached) - len(step_shapes)} are the model's own; "
        f"{len(merged['operations'])} operations and {len(merged['shapes'])} shapes in all",
    )
    for reason, ops in groups:
        per = []
        for op in ops:
            mine = [s for s in closure(merged["shapes"], op_roots(merged["operations"][op])) if s not in own]
            per.append(f"{op} ({len(mine)})")
        notes.append(f"group {reason.split(':')[0]}: " + ", ".join(per))
    step_exceptions = [s for s in step_shapes if merged["shapes"][s].get("exception")]
    if step_exceptions:
        notes.append(f"exception shapes added: {step_exceptions}")
    notes.extend(differences)
    return merged, notes


# ---------------------------------------------------------------------------
# Paginators
# ---------------------------------------------------------------------------

SIMPLE_EXPR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


def resolve(shapes: dict, shape_name: str, expr: str) -> tuple[bool, bool]:
    """(resolves, simple): `a`, `a.b`, `a || b` are followed through members."""
    alternatives = [a.strip() for a in expr.split("||")]
    if not all(SIMPLE_EXPR.match(a) for a in alternatives):
        return False, False
    for alt in alternatives:
        shape = shapes[shape_name]
        for step in alt.split("."):
            member = shape.get("members", {}).get(step)
            if member is None:
                return False, True
            shape = shapes[member["shape"]]
    return True, True


def check_paginators(service: str, model: dict, pag: dict) -> tuple[list[str], list[str]]:
    problems: list[str] = []
    facts: list[str] = []
    shapes = model["shapes"]
    complex_exprs = []
    combos: dict[tuple, list[str]] = {}
    for op_name, p in pag["pagination"].items():
        op = model["operations"].get(op_name)
        if op is None:
            problems.append(f"paginator {op_name}: no such operation in the model")
            continue
        inp = shapes[op["input"]["shape"]].get("members", {})
        for key in ("input_token", "limit_key"):
            values = p.get(key)
            if values is None:
                continue
            for v in values if isinstance(values, list) else [values]:
                if v not in inp:
                    problems.append(f"paginator {op_name}: {key} {v!r} is not a member of {op['input']['shape']}")
        if "output" not in op:
            problems.append(f"paginator {op_name}: operation has no output")
            continue
        out = op["output"]["shape"]
        for key in ("output_token", "result_key", "non_aggregate_keys", "more_results"):
            values = p.get(key)
            if values is None:
                continue
            for v in values if isinstance(values, list) else [values]:
                ok, simple = resolve(shapes, out, v)
                if not simple or "." in v or "||" in v:
                    complex_exprs.append(f"{op_name}.{key} = {v!r}")
                if not simple:
                    problems.append(f"paginator {op_name}: {key} {v!r} is not a supported expression")
                elif not ok:
                    problems.append(f"paginator {op_name}: {key} {v!r} does not resolve in {out}")
        unknown = [k for k in p if k not in ("input_token", "output_token", "limit_key", "result_key", "non_aggregate_keys", "more_results")]
        if unknown:
            problems.append(f"paginator {op_name}: unknown keys {unknown}")
        combo = (p.get("input_token"), p.get("output_token"), p.get("limit_key"), json.dumps(p.get("result_key")))
        combos.setdefault(combo, []).append(op_name)
    facts.append(f"{len(pag['pagination'])} paginators")
    for (it, ot, lk, rk), ops in combos.items():
        facts.append(f"input_token {it}, output_token {ot}, limit_key {lk}, result_key {rk}: {len(ops)} ({', '.join(ops)})")
    for op_name, p in pag["pagination"].items():
        if "non_aggregate_keys" in p or "more_results" in p:
            extra = {k: p[k] for k in ("non_aggregate_keys", "more_results") if k in p}
            facts.append(f"{op_name} also has {extra}")
    facts.append("expressions beyond a plain member name: " + (", ".join(complex_exprs) if complex_exprs else "none"))
    return problems, facts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", default=os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")))
    parser.add_argument("--botocore-data", help="botocore's data/ directory")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    args = parser.parse_args()

    data = botocore_data_dir(args.botocore_data)
    if args.botocore_data:
        print(f"botocore data: {data}")
    else:
        print(f"botocore {botocore_version()} data: {data}")
    changed = []
    failed = False
    outputs: dict[str, tuple[str, str | bytes]] = {}
    for service, version in MODELS.items():
        path = os.path.join(args.models, f"{service}.json")
        with open(path, encoding="utf-8") as f:
            raw = f.read()
        model = json.loads(raw)
        if dump(model) != raw:
            raise SystemExit(f"{path}: does not round-trip through the writer; not touching it")
        ref_bytes = read_reference_bytes(data, service, version, "service-2.json")
        pag_bytes = read_reference_bytes(data, service, version, "paginators-1.json")
        digests = (hashlib.sha256(ref_bytes).hexdigest(), hashlib.sha256(pag_bytes).hexdigest())
        if digests == REFERENCE_SHA256[service]:
            print(f"{service}: botocore data is {REFERENCE_VERSION}'s")
        else:
            print(
                f"{service}: WARNING: botocore data is not {REFERENCE_VERSION}'s "
                f"(service-2.json sha256 {digests[0]}, paginators-1.json sha256 {digests[1]})"
            )
        ref = json.loads(ref_bytes)
        merged, notes = merge(service, model, ref)
        for n in notes:
            print(f"{service}: {n}")
        out = dump(merged)
        if out != raw:
            changed.append(path)
            outputs[path] = ("w", out)

        pag = json.loads(pag_bytes)
        problems, facts = check_paginators(service, merged, pag)
        for fct in facts:
            print(f"{service}: paginators: {fct}")
        for p in problems:
            print(f"{service}: PROBLEM {p}")
        failed |= bool(problems)
        pag_path = os.path.join(args.models, PAGINATORS_DIR, f"{service}.json")
        try:
            with open(pag_path, "rb") as f:
                have = f.read()
        except FileNotFoundError:
            have = None
        if have != pag_bytes:
            changed.append(pag_path)
            outputs[pag_path] = ("wb", pag_bytes)
    if failed:
        print("paginators do not match the models; nothing written")
        return 1
    if args.check:
        if changed:
            print("would change: " + ", ".join(changed))
            return 1
        print("up to date")
        return 0
    for path, (mode, content) in outputs.items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if mode == "w":
            with open(path, "w", encoding="utf-8") as f:
                f.write(content)
        else:
            with open(path, "wb") as f:
                f.write(content)
    print("wrote: " + (", ".join(changed) if changed else "nothing (already up to date)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
