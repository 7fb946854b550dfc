// What a frontend developer would use instead, set up once: ajv compiled from our own exported
// JSON Schema, a zod schema built from the same registry, jsondiffpatch with diff-match-patch text
// diffs and an objectHash on name/title/step_number, jsdiff, and diff-match-patch.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { z } from 'zod';
import * as jsondiffpatch from 'jsondiffpatch/with-text-diffs';
import { diffWords } from 'diff';
import DiffMatchPatch from 'diff-match-patch';
import { jsonSchema } from 'cofounder-artifacts';
import { coreRegistry } from 'cofounder-artifacts/diagnostics';

export function ajvValidator(type) {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(jsonSchema(type));
}

export function zodSchema(type) {
  const registry = coreRegistry();
  const models = Object.fromEntries([...registry.generation_order, ...registry.items].map((m) => [m.id, m]));
  const zodType = (t) => {
    switch (t.kind) {
      case 'string': return z.string();
      case 'integer': return t.ge === undefined ? z.number().int() : z.number().int().min(t.ge);
      case 'boolean': return z.boolean();
      case 'literal': case 'enumeration': return z.enum(t.choices);
      case 'list': return z.array(zodType(t.item));
      case 'model': return zodModel(models[t.model]);
      default: return z.unknown();
    }
  };
  const zodModel = (model) => z.object(Object.fromEntries(model.fields.map((f) => {
    let field = zodType(f.type);
    if (f.nullable) field = field.nullable();
    if (!f.required) field = field.optional();
    return [f.key, field];
  })));
  return zodModel(models[type]);
}

export const differ = jsondiffpatch.create({
  objectHash: (item, index) => item?.name ?? item?.title ?? item?.step_number ?? `$$index:${index}`,
  arrays: { detectMove: true },
  textDiff: { minLength: 60 },
});

export function jsMerge(base, ours, theirs) {
  const delta = differ.diff(base, ours);
  return delta ? differ.patch(jsondiffpatch.clone(theirs), delta) : jsondiffpatch.clone(theirs);
}

export function jsGate(text, allowed) {
  const content = JSON.parse(text);
  const out = {};
  for (const key of allowed) if (key in content) out[key] = content[key];
  return JSON.stringify(out);
}

export const jsdiffWords = (a, b) => diffWords(a, b);
const dmp = new DiffMatchPatch();
export function dmpDiff(a, b) {
  const diffs = dmp.diff_main(a, b);
  dmp.diff_cleanupSemantic(diffs);
  return diffs;
}
