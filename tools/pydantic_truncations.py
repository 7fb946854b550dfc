#!/usr/bin/env python3
"""Regenerates tests/fixtures/validation/truncations.json: Pydantic v2's message for every prefix
of a few documents (a cut-off stream), so the core's json_invalid message for text that ends too
early is checked against the reference word for word.

A JSON parse error comes before any field is read, so one permissive model stands for every
artifact type. Prefixes are cut between characters; each case is [document, UTF-8 length of the prefix, Pydantic's message].

    python3 tools/pydantic_truncations.py
"""
import json
import pathlib

from pydantic import BaseModel, ConfigDict, ValidationError

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


class AnyObject(BaseModel):
    model_config = ConfigDict(extra="allow")


def documents():
    brief = (FIXTURES / "plan" / "brief.json").read_text(encoding="utf-8")
    milestones = json.loads((FIXTURES / "plan" / "milestones.json").read_text(encoding="utf-8"))
    return {
        # Compact, with escapes, \u escapes, an escaped surrogate pair and raw multi-byte text.
        "escapes": r'{"problem_statement":"caf\u00e9 \"quoted\" \\ \n tab\t \ud83d\ude00 ü","target_user":"éé 😀",'
                   r'"n":[1,-2.5e3,0,true,false,null,{},[]]}',
        "brief": json.dumps(json.loads(brief), ensure_ascii=False)[:1000],
        # Pretty-printed: lines and columns.
        "milestones": json.dumps(milestones, indent=2, ensure_ascii=False)[:1000],
    }


def main():
    cases = []
    docs = documents()
    for name, text in docs.items():
        for end in range(len(text)):
            prefix = text[:end]
            try:
                AnyObject.model_validate_json(prefix)
                continue
            except ValidationError as error:
                first = error.errors()[0]
            if first["type"] != "json_invalid" or "EOF while parsing" not in first["msg"]:
                continue
            cases.append([name, len(prefix.encode("utf-8")), first["msg"]])
    # One case a line: [document, bytes of the prefix, Pydantic's message].
    lines = ",\n".join(json.dumps(case, ensure_ascii=False) for case in cases)
    documents_json = json.dumps(docs, ensure_ascii=False, indent=1)
    path = FIXTURES / "validation" / "truncations.json"
    path.write_text(f'{{"documents": {documents_json},\n"cases": [\n{lines}\n]}}\n', encoding="utf-8")
    print(f"{len(cases)} truncations written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
