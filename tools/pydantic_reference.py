#!/usr/bin/env python3
"""Regenerates tests/fixtures/validation/expected.json: what Pydantic v2 says about every case.

Pydantic is the reference for the validator's behaviour. The models are built from
the core's own registry (`artifacts-cli registry`), so no field is listed twice; the cases live in
tests/fixtures/validation/cases.json and the plan fixtures in tests/fixtures/plan/. Native and
JS tests compare the core's results with the file this writes.

    python3 tools/pydantic_reference.py build/native/cli/artifacts-cli
"""
import enum
import json
import pathlib
import subprocess
import sys
from datetime import datetime
from typing import Literal, Optional
from uuid import UUID

import pydantic
from pydantic import BaseModel, Field, ValidationError, create_model
from pydantic_core import to_jsonable_python

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def build_models(registry):
    specs = {m["id"]: m for group in ("generation_order", "records", "items") for m in registry[group]}
    built = {}

    def type_of(t):
        kind = t["kind"]
        if kind == "string":
            return str
        if kind == "integer":
            return int
        if kind == "boolean":
            return bool
        if kind == "literal":
            return Literal[tuple(t["choices"])]
        if kind == "enumeration":
            return enum.StrEnum("ArtifactType", {c.upper(): c for c in t["choices"]})
        if kind == "uuid":
            return UUID
        if kind == "datetime":
            return datetime
        if kind == "object":
            return dict
        if kind == "model":
            return model_of(t["model"])
        if kind == "list":
            return list[type_of(t["item"])]
        raise ValueError(kind)

    def model_of(model_id):
        if model_id in built:
            return built[model_id]
        spec = specs[model_id]
        fields = {}
        for f in spec["fields"]:
            annotation = type_of(f["type"])
            if f["nullable"]:
                annotation = Optional[annotation]
            kwargs = {"description": f["description"]}
            if "ge" in f["type"]:
                kwargs["ge"] = f["type"]["ge"]
            name = f["key"]
            if name.startswith("_"):  # Pydantic keeps leading underscores private: alias it
                kwargs["alias"] = name
                name = "stamp" + name
            default = ... if f["required"] else f.get("default")
            fields[name] = (annotation, Field(default, **kwargs))
        built[model_id] = create_model(spec["class_name"], **fields)
        return built[model_id]

    return {model_id: model_of(model_id) for model_id in specs}


def load_cases():
    cases = []
    for path in sorted((FIXTURES / "plan").glob("*.json")):
        for strict in (False, True):
            cases.append({"name": f"plan {path.stem}" + (" strict" if strict else ""),
                          "model": path.stem, "text": path.read_text(encoding="utf-8"),
                          "strict": strict})
    for case in json.loads((FIXTURES / "validation" / "cases.json").read_text(encoding="utf-8")):
        case = dict(case)
        if "text" not in case:
            case["text"] = json.dumps(case.pop("input"), ensure_ascii=False)
        case.setdefault("strict", False)
        cases.append(case)
    return cases


def main():
    cli = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "build" / "native" / "cli" / "artifacts-cli")
    registry = json.loads(subprocess.run([cli, "registry"], check=True, capture_output=True,
                                         text=True).stdout)
    models = build_models(registry)
    results = []
    for case in load_cases():
        model = models[case["model"]]
        entry = {"name": case["name"], "model": case["model"], "text": case["text"],
                 "strict": case["strict"]}
        try:
            value = model.model_validate_json(case["text"], strict=case["strict"] or None)
            entry.update(ok=True, errors=[],
                         value=value.model_dump(mode="json", by_alias=True, exclude_unset=True))
        except ValidationError as error:
            errors = []
            for e in error.errors(include_url=False):
                # JSON has no infinity (a number beyond the double range reads as one): an input
                # holding one is written as a Pydantic model's JSON serialisation writes it, null.
                item = {"type": e["type"], "loc": list(e["loc"]), "msg": e["msg"],
                        "input": to_jsonable_python(e["input"], inf_nan_mode="null")}
                if "ctx" in e:
                    item["ctx"] = {k: (v if isinstance(v, (int, float, str)) else str(v))
                                   for k, v in e["ctx"].items()}
                errors.append(item)
            entry.update(ok=False, errors=errors, value=None)
        results.append(entry)
    out = FIXTURES / "validation" / "expected.json"
    out.write_text(json.dumps({"pydantic": pydantic.VERSION, "cases": results}, indent=1,
                              ensure_ascii=False, allow_nan=False) + "\n", encoding="utf-8")
    print(f"wrote {len(results)} cases to {out.relative_to(ROOT)} (pydantic {pydantic.VERSION})")


if __name__ == "__main__":
    main()
