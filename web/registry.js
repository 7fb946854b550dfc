// The package's constants, derived from the core's schema registry (dist/registry.js is generated
// from it at build time): nothing here lists an artifact, a section, a tier, a status or a rule.
import { REGISTRY } from '../dist/registry.js';

const deepFreeze = (value) => {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

// A list of names as constants by upper-case name: `byName(['cto_scale']).CTO_SCALE === 'cto_scale'`.
const byName = (names) => deepFreeze(Object.fromEntries(names.map((name) => [name.toUpperCase(), name])));

/** The five artifact types, by constant name: `ArtifactType.MVP_SCOPE`. */
export const ArtifactType = byName(REGISTRY.generation_order.map((m) => m.id));

/** The order artifacts are generated in; each later one may cite the earlier ones. */
export const GENERATION_ORDER = deepFreeze(REGISTRY.generation_order.map((m) => m.id));

/** The subscription tiers, lowest first: `Tier.CTO_SCALE`. */
export const Tier = byName(REGISTRY.tiers);

/** How each tier is named to a founder: `TIER_TITLES.cto_scale === 'CTO Scale'`. */
export const TIER_TITLES = deepFreeze({ ...REGISTRY.tier_titles });

/** Where a record's generation stands: `GenerationStatus.GENERATING`. */
export const GenerationStatus = byName(REGISTRY.generation_statuses);

/** Every error and warning type the core reports: `IssueType.INT_PARSING`. */
export const IssueType = byName(REGISTRY.issue_types);

/** The content schema version this library writes. */
export const SCHEMA_VERSION = REGISTRY.schema_version;

/**
 * What a failed generation of an artifact does to the ones after it: `continue`, `fail_rest`
 * (they all fail) or `skip_rest` (they are skipped).
 */
export const CascadeRule = byName(REGISTRY.cascade_rules);

/**
 * Per artifact type: its title, description, what its failure does to the cascade (`onFailure`,
 * a CascadeRule) and its sections (id, title, description, the tier that first sees it, whether
 * it is required), in the registry's order.
 */
export const ARTIFACTS = deepFreeze(Object.fromEntries(REGISTRY.generation_order.map((model) => [
  model.id,
  {
    id: model.id,
    title: model.title,
    description: model.description,
    onFailure: model.on_failure,
    sections: model.fields.filter((f) => f.section).map((f) => ({
      id: f.key,
      title: f.title,
      description: f.description,
      tier: f.min_tier,
      required: f.required,
    })),
  },
])));

/** The section ids of `type` that `tier` may see (all of them when no tier is given). */
export function sectionsFor(type, tier) {
  const artifact = ARTIFACTS[type];
  if (!artifact) return [];
  const rank = tier === undefined ? REGISTRY.tiers.length : REGISTRY.tiers.indexOf(tier);
  return artifact.sections.filter((s) => REGISTRY.tiers.indexOf(s.tier) <= rank).map((s) => s.id);
}

// The stored record's optional fields with their defaults: a new record starts from these.
const storedRecord = REGISTRY.records.find((m) => m.id === REGISTRY.stored_record);
export const RECORD_DEFAULTS = deepFreeze(Object.fromEntries(
  storedRecord.fields.filter((f) => 'default' in f).map((f) => [f.key, f.default])));

// The stored record's fields that hold its artifact's content (current, previous, the merge base):
// the ones the store brings up to the current schema version when it reads a record.
export const CONTENT_FIELDS = deepFreeze(
  storedRecord.fields.filter((f) => f.type.refers === 'artifact_content').map((f) => f.key));

// The stored record's fields: key, kind (the registry's type kind), whether required, the choices
// of an enumeration or literal, and for a nested record (or a list of them) that record's keys.
// What a restored backup's records are checked against.
const recordKeys = (id) => REGISTRY.records.find((m) => m.id === id)?.fields.map((f) => f.key);
export const STORED_RECORD_FIELDS = deepFreeze(storedRecord.fields.map((f) => {
  const nested = f.type.kind === 'model' ? f.type.model : f.type.item?.kind === 'model' ? f.type.item.model : undefined;
  return {
    key: f.key, title: f.title, kind: f.type.kind, required: f.required,
    ...(f.type.choices ? { choices: [...f.type.choices] } : {}),
    ...(nested ? { keys: recordKeys(nested) } : {}),
  };
}));

// Positions the core's indexed calls use (the core's model_at order); tiers by rank.
export const MODEL_INDEX = new Map(REGISTRY.model_ids.map((id, i) => [id, i]));
export const TIER_INDEX = new Map(REGISTRY.tiers.map((t, i) => [t, i]));
