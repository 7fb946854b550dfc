#!/usr/bin/env python3
"""Writes tests/fixtures/validation/cases.json: the inputs the Pydantic parity suite runs.

Most cases are the sample plan (tests/fixtures/plan/) with one thing broken, so they are built
here rather than typed out. After changing this file run it, then tools/pydantic_reference.py to
record what Pydantic says about each case:

    python3 tools/make_validation_cases.py && python3 tools/pydantic_reference.py
"""
import os
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import json, copy, pathlib
plan = {p.stem: json.loads(p.read_text()) for p in pathlib.Path('tests/fixtures/plan').glob('*.json')}
C = []
def case(name, model, input=None, text=None, strict=False):
    c = {"name": name, "model": model}
    if text is not None: c["text"] = text
    else: c["input"] = input
    if strict: c["strict"] = True
    C.append(c)
def with_(model, path, value, drop=False):
    d = copy.deepcopy(plan[model])
    node = d
    for k in path[:-1]: node = node[k]
    if drop: del node[path[-1]]
    else: node[path[-1]] = value
    return d
core_brief = {k: plan['brief'][k] for k in ['problem_statement','target_user','value_proposition','key_constraint','differentiation_points']}
# --- brief
case("brief: empty object reports every core section missing", "brief", {})
case("brief: core sections only is valid", "brief", core_brief)
for k in ['problem_statement','target_user','value_proposition','key_constraint','differentiation_points']:
    case(f"brief: missing {k}", "brief", with_('brief', [k], None, drop=True))
case("brief: business and strategic sections may be null", "brief", dict(core_brief, market_analysis=None, competitive_strategy=None))
case("brief: business section of the wrong type", "brief", dict(core_brief, market_analysis=5))
case("brief: differentiation_points not a list", "brief", dict(core_brief, differentiation_points="fast"))
case("brief: differentiation_points with non-strings", "brief", dict(core_brief, differentiation_points=["ok", 3, None, True, {"a": 1}]))
case("brief: string sections given numbers, lists, objects and null", "brief", dict(core_brief, problem_statement=1, target_user=[], value_proposition={}, key_constraint=None))
case("brief: unknown keys are ignored", "brief", dict(core_brief, extra="x", nested={"a": [1]}))
case("brief: root is an array", "brief", [core_brief])
case("brief: root is a string", "brief", "brief")
case("brief: root is null", "brief", None)
case("brief: root is a number", "brief", 42)
case("brief: _schema_version as a numeric string (lax)", "brief", dict(core_brief, _schema_version="2"))
case("brief: _schema_version as a numeric string (strict)", "brief", dict(core_brief, _schema_version="2"), strict=True)
case("brief: _schema_version with a fraction", "brief", dict(core_brief, _schema_version=1.5))
case("brief: _schema_version true (lax)", "brief", dict(core_brief, _schema_version=True))
case("brief: _schema_version null", "brief", dict(core_brief, _schema_version=None))
case("brief: duplicate key, last value wins", "brief", text='{"problem_statement":"a","problem_statement":7,"target_user":"b","value_proposition":"c","key_constraint":"d","differentiation_points":[]}')
case("brief: unicode text survives", "brief", dict(core_brief, problem_statement="Café owners — 在庫 📦 \u0000 \"quoted\" \\ slash"))
# --- mvp_scope
f = plan['mvp_scope']['core_features']
case("mvp_scope: feature missing priority", "mvp_scope", with_('mvp_scope', ['core_features', 1, 'priority'], None, drop=True))
case("mvp_scope: priority not in the literal", "mvp_scope", with_('mvp_scope', ['core_features', 0, 'priority'], "HIGH"))
case("mvp_scope: priority null", "mvp_scope", with_('mvp_scope', ['core_features', 0, 'priority'], None))
case("mvp_scope: priority a number", "mvp_scope", with_('mvp_scope', ['core_features', 0, 'priority'], 1))
case("mvp_scope: feature item is a string", "mvp_scope", with_('mvp_scope', ['core_features', 2], "Scanning"))
case("mvp_scope: feature item is an empty object", "mvp_scope", with_('mvp_scope', ['core_features', 2], {}))
case("mvp_scope: core_features is an object", "mvp_scope", with_('mvp_scope', ['core_features'], {"name": "x"}))
case("mvp_scope: out_of_scope holds null", "mvp_scope", with_('mvp_scope', ['out_of_scope'], [None, "ok"]))
case("mvp_scope: empty lists are valid", "mvp_scope", {"core_features": [], "out_of_scope": [], "success_metrics": []})
case("mvp_scope: unknown key inside a feature", "mvp_scope", with_('mvp_scope', ['core_features', 0, 'owner'], "us"))
# --- milestones
for label, v in [("0", 0), ("-1", -1), ("string 0", "0"), ("string 3", "3"), ("3.0", 3.0), ("3.5", 3.5), ("true", True), ("false", False), ("abc", "abc"), ("list", []), ("null", None), ("1_000", "1_000"), ("padded", " 7 "), ("3.00 string", "3.00"), ("3. string", "3."), ("1e2 string", "1e2"), ("1e3", 1e3), ("+4 string", "+4"), ("empty string", ""), ("1__0", "1__0"), ("_1", "_1"), ("object", {}), ("-0.0", -0.0), ("1e20", 1e20)]:
    case(f"milestones: estimated_weeks {label}", "milestones", with_('milestones', ['milestones', 2, 'estimated_weeks'], v))
for label, v in [("string 3", "3"), ("3.0", 3.0), ("true", True)]:
    case(f"milestones: estimated_weeks {label} (strict)", "milestones", with_('milestones', ['milestones', 2, 'estimated_weeks'], v), strict=True)
case("milestones: total_duration_weeks as text", "milestones", with_('milestones', ['total_duration_weeks'], "four"))
case("milestones: success_criteria a string", "milestones", with_('milestones', ['milestones', 0, 'success_criteria'], "ten shops"))
many = copy.deepcopy(plan['milestones'])
many['milestones'][0]['estimated_weeks'] = 0
many['milestones'][1]['success_criteria'] = [1, 2]
del many['milestones'][2]['title']
many['milestones'][3] = "Launch"
many['critical_path'] = "all"
many['total_duration_weeks'] = 4.5
many['resource_plan'] = []
case("milestones: many errors in one document, all reported", "milestones", many)
# --- risk_log
rl = copy.deepcopy(plan['risk_log'])
rl['technical_risks'][0]['severity'] = "critical"
rl['market_risks'][1]['mitigation'] = None
rl['execution_risks'].append({"title": "x"})
rl['financial_risks'] = {"title": "x"}
rl['strategic_risks'] = [None]
case("risk_log: errors deep in several lists", "risk_log", rl)
case("risk_log: optional risk lists null", "risk_log", with_('risk_log', ['financial_risks'], None))
case("risk_log: missing every core list", "risk_log", {"financial_risks": []})
# --- how_it_works
case("how_it_works: step_number as text (lax)", "how_it_works", with_('how_it_works', ['user_journey', 0, 'step_number'], "1"))
case("how_it_works: step_number as text (strict)", "how_it_works", with_('how_it_works', ['user_journey', 0, 'step_number'], "1"), strict=True)
case("how_it_works: step_number negative is allowed", "how_it_works", with_('how_it_works', ['user_journey', 0, 'step_number'], -3))
case("how_it_works: journey step missing everything", "how_it_works", with_('how_it_works', ['user_journey', 4], {}))
case("how_it_works: architecture a list", "how_it_works", with_('how_it_works', ['architecture'], ["a"]))
# --- invalid JSON text
for label, t in [("empty", ""), ("whitespace", "  "), ("truncated object", '{"problem_statement": "x"'), ("trailing comma", '{"a":1,}'), ("unclosed array", "[1,2"), ("bad literal", "nul"), ("trailing characters", '{"a":1} x'), ("single quotes", "{'a':1}"), ("unquoted key", "{a:1}"), ("lone surrogate escape", '{"problem_statement":"\\ud800"}'), ("control character in string", '{"a":"x\u0001y"}'), ("bad escape", '{"a":"\\q"}'), ("leading zero", '{"a":01}'), ("200 nested arrays", "[" * 200 + "]" * 200)]:
    case(f"invalid JSON: {label}", "brief", text=t)
case("valid JSON root string", "brief", text='"hello"')
case("nesting within the limit in an unknown key", "brief", text=json.dumps(dict(core_brief))[:-1] + ',"deep":' + "[" * 150 + "]" * 150 + "}")
# --- records
resp = {"id": "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b", "project_id": "0e9d8c7b-6a59-4483-9271-605f4e3d2c1b", "artifact_type": "brief", "version_number": 1, "current_content": core_brief, "previous_content": None, "has_user_edits": False, "edited_sections": None, "annotations": [{"section_id": "problem_statement", "note": "Check with Ana", "created_at": "2026-11-24T05:00:00Z"}], "generation_status": "idle", "schema_version": 1, "created_at": "2026-11-24T05:00:00Z", "updated_at": "2026-11-24T05:00:00.250+01:00"}
case("artifact_response: valid", "artifact_response", resp)
case("artifact_response: current_content null while generating", "artifact_response", dict(resp, current_content=None, generation_status="generating"))
case("artifact_response: empty object", "artifact_response", {})
case("artifact_response: artifact_type unknown", "artifact_response", dict(resp, artifact_type="pitch_deck"))
case("artifact_response: artifact_type a number", "artifact_response", dict(resp, artifact_type=1))
case("artifact_response: current_content an array", "artifact_response", dict(resp, current_content=[]))
case("artifact_response: has_user_edits yes", "artifact_response", dict(resp, has_user_edits="yes"))
case("artifact_response: has_user_edits maybe", "artifact_response", dict(resp, has_user_edits="maybe"))
case("artifact_response: has_user_edits 2", "artifact_response", dict(resp, has_user_edits=2))
case("artifact_response: has_user_edits 0.0", "artifact_response", dict(resp, has_user_edits=0.0))
case("artifact_response: has_user_edits a list", "artifact_response", dict(resp, has_user_edits=[]))
case("artifact_response: has_user_edits 1 (strict)", "artifact_response", dict(resp, has_user_edits=1), strict=True)
case("artifact_response: has_user_edits TRUE", "artifact_response", dict(resp, has_user_edits="TRUE"))
case("artifact_response: edited_sections holds a number", "artifact_response", dict(resp, edited_sections=["a", 1]))
case("artifact_response: annotation with bad fields", "artifact_response", dict(resp, annotations=[{"section_id": 3, "created_at": "yesterday"}, "note"]))
case("artifact_response: valid (strict)", "artifact_response", resp, strict=True)
for label, v in [("hyphenated", "6F1C2A3B-4D5E-4F60-8A7B-9C0D1E2F3A4B"), ("simple", "6f1c2a3b4d5e4f608a7b9c0d1e2f3a4b"), ("braced", "{6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b}"), ("urn", "urn:uuid:6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"), ("short", "1234"), ("bad char", "z234"), ("number", 1), ("null", None), ("group 4 short", "12345678-1234-5678-1234-56781234567"), ("group 1 long", "12345678-12345-678-1234-567812345678"), ("three groups", "12345678-1234-5678"), ("bad hex simple", "6f1c2a3b4d5e4f608a7b9c0d1e2f3a4g"), ("too long simple", "6f1c2a3b4d5e4f608a7b9c0d1e2f3a4b00"), ("empty", ""), ("non-ascii", "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3aé"), ("six groups", "1-2-3-4-5-6")]:
    case(f"uuid: {label}", "generate_artifacts_request", {"project_id": v})
for label, v, strict in [("Z", "2024-01-02T03:04:05Z", False), ("offset with fraction", "2024-01-02T03:04:05.123+02:00", False), ("date only", "2024-01-02", False), ("month 13", "2024-13-02", False), ("garbage", "x", False), ("unix seconds", 1700000000, False), ("unix milliseconds", 1700000000000, False), ("fractional seconds number", 1.5, False), ("negative", -1, False), ("true", True, False), ("hour 25", "2024-01-02T25:00", False), ("seven fraction digits", "2024-01-02T03:04:05.1234567", False), ("space separator", "2024-01-02 03:04:05", False), ("no seconds", "2024-01-02T03:04", False), ("feb 30", "2024-02-30", False), ("leap day", "2024-02-29", False), ("not a leap day", "2023-02-29T00:00:00", False), ("lowercase t z", "2024-01-02t03:04:05z", False), ("digits string", "1700000000", False), ("offset without colon", "2024-01-02T03:04:05+0200", False), ("minus zero offset", "2024-01-02T03:04:05-00:00", False), ("half second", "2024-01-02T03:04:05.5Z", False), ("trailing space", "2024-01-02T03:04:05 ", False), ("offset 25h", "2024-01-02T03:04:05+2500", False), ("second 60", "2024-01-02T03:04:60", False), ("bad month digits", "2024-1-02", False), ("only hour", "2024-01-02T03", False), ("list", [], False), ("null", None, False),
    ("Z (strict)", "2024-01-02T03:04:05Z", True), ("date only (strict)", "2024-01-02", True), ("unix seconds (strict)", 1700000000, True), ("hour 25 (strict)", "2024-01-02T25:00", True), ("garbage (strict)", "x", True), ("bad separator (strict)", "2024-01-02X03:04", True), ("minute 61 (strict)", "2024-01-02T03:61", True), ("bad offset (strict)", "2024-01-02T03:04:05+ab:00", True)]:
    case(f"datetime: {label}", "artifact_annotation", {"section_id": "a", "note": "b", "created_at": v}, strict=strict)
case("artifact_annotation: missing note", "artifact_annotation", {"section_id": "a", "created_at": "2024-01-02T03:04:05Z"})
case("generate_artifacts_request: force as text", "generate_artifacts_request", {"project_id": resp["project_id"], "force": "true"})
case("generate_artifacts_request: missing project_id", "generate_artifacts_request", {"force": True})
case("regenerate_artifact_request: empty is valid", "regenerate_artifact_request", {})
case("regenerate_artifact_request: force null", "regenerate_artifact_request", {"force": None})
case("regenerate_artifact_request: force off", "regenerate_artifact_request", {"force": "off"})
# --- a UTF-8 byte-order mark: simdjson skips it, Pydantic's parser refuses it
case("invalid JSON: UTF-8 byte-order mark before the document", "brief", text="\ufeff" + json.dumps(core_brief))
case("invalid JSON: UTF-8 byte-order mark alone", "brief", text="\ufeff")
case("invalid JSON: byte-order mark before a record", "regenerate_artifact_request", text="\ufeff{}")
# --- numbers beyond the double range (JSON allows them; Python's json cannot write them, so the
# literal replaces a placeholder in the text). Pydantic reads 1e400 as infinity: an error only
# where a value is checked, ±infinity is null in JSON (inputs and values alike).
def literal_at(model, doc, path, literal, strict=False, name=None):
    d = copy.deepcopy(doc)
    node = d
    for k in path[:-1]: node = node[k]
    node[path[-1]] = "@NUMBER@"
    where = ".".join(str(k) for k in path)
    case(name or f"{model}: {where} {literal}" + (" (strict)" if strict else ""), model,
         text=json.dumps(d, ensure_ascii=False).replace('"@NUMBER@"', literal), strict=strict)
for literal in ["1e400", "-1e400"]:
    literal_at("brief", plan['brief'], ['_schema_version'], literal)
    literal_at("brief", plan['brief'], ['problem_statement'], literal)
    literal_at("brief", plan['brief'], ['differentiation_points', 1], literal)
    literal_at("brief", plan['brief'], ['market_analysis'], literal)
    literal_at("brief", plan['brief'], ['unknown'], literal, name=f"brief: {literal} in an unknown key is ignored")
    literal_at("milestones", plan['milestones'], ['total_duration_weeks'], literal)
    literal_at("milestones", plan['milestones'], ['milestones', 2, 'estimated_weeks'], literal)
literal_at("brief", plan['brief'], ['_schema_version'], "1e400", strict=True)
literal_at("milestones", plan['milestones'], ['milestones', 2, 'estimated_weeks'], "1e400", strict=True)
literal_at("brief", plan['brief'], ['unknown'], "[1E+400, {\"a\": -1e999}, 1e-400, 1" + "0" * 400 + "]",
           name="brief: numbers beyond the double range deep in an unknown key are ignored")
literal_at("brief", plan['brief'], ['problem_statement'], "1e-400", name="brief: problem_statement 1e-400 (underflows to 0)")
literal_at("milestones", plan['milestones'], ['total_duration_weeks'], "1.8e308", name="milestones: total_duration_weeks just beyond the double range")
literal_at("milestones", plan['milestones'], ['total_duration_weeks'], "1.7976931348623157e308", name="milestones: total_duration_weeks the largest double")
literal_at("mvp_scope", plan['mvp_scope'], ['core_features', 0, 'priority'], "1e400")
literal_at("how_it_works", plan['how_it_works'], ['user_journey', 0, 'step_number'], "-1e400")
case("brief: root is 1e400", "brief", text="1e400")
for key, literal, strict in [("id", "1e400", False), ("artifact_type", "1e400", False), ("version_number", "1e400", False),
                             ("version_number", "1e400", True), ("current_content", "1e400", False),
                             ("current_content", '{"k": 1e400, "l": [-1e400, 1]}', False),
                             ("has_user_edits", "1e400", False), ("has_user_edits", "-1e400", True),
                             ("has_user_edits", "2.5", False), ("has_user_edits", "2.0", False), ("has_user_edits", "1e19", False),
                             ("has_user_edits", "18446744073709551615", False),
                             ("edited_sections", '["a", 1e400]', False), ("generation_status", "1e400", False),
                             ("schema_version", "-1e400", False), ("created_at", "1e400", False),
                             ("created_at", "1e400", True), ("updated_at", "-1e400", False),
                             ("annotations", '[{"section_id": "a", "note": "b", "created_at": 1e400}]', False)]:
    literal_at("artifact_response", resp, [key], literal, strict=strict)
literal_at("generate_artifacts_request", {"project_id": resp["project_id"]}, ["force"], "1e400")
for label, v in [("1e15 milliseconds, after 9999", 1e15), ("-1e15, before 0000", -1e15), ("last millisecond of 9999", 253402300799999),
                 ("first millisecond after 9999", 253402300800000), ("1e20", 1e20), ("-1.25 (the fraction's magnitude is added)", -1.25),
                 ("milliseconds with a fraction", 1700000000123.25), ("negative milliseconds", -20000000001),
                 ("year 0 in milliseconds", -62135596801000), ("first millisecond of year 1", -62135596800000),
                 ("seconds at the watershed with a fraction", 20000000000.5), ("fraction rounding up to a second", 1.9999999)]:
    case(f"datetime: {label}", "artifact_annotation", {"section_id": "a", "note": "b", "created_at": v})
pathlib.Path('tests/fixtures/validation/cases.json').write_text(json.dumps(C, indent=1, ensure_ascii=False) + "\n")
print(len(C))
