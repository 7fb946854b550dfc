// Constants derived from the core's schema registry (dist/registry.js is generated from it).
import { REGISTRY } from '../dist/registry.js';

const deepFreeze = (value) => {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

const upper = (id) => id.toUpperCase();

/** The five artifact types, by constant name: `ArtifactType.MVP_SCOPE === 'mvp_scope'`. */
export const ArtifactType = deepFreeze(
  Object.fromEntries(REGISTRY.generation_order.map((m) => [upper(m.id), m.id])));

/** The order artifacts are generated in; each later one may cite the earlier ones. */
export const GENERATION_ORDER = deepFreeze(REGISTRY.generation_order.map((m) => m.id));

/** The subscription tiers, lowest first: `Tier.CTO_SCALE === 'cto_scale'`. */
export const Tier = deepFreeze(Object.fromEntries(REGISTRY.tiers.map((t) => [upper(t), t])));

/** The content schema version this library writes. */
export const SCHEMA_VERSION = REGISTRY.schema_version;

const sectionTierToTier = { core: REGISTRY.tiers[0], business: REGISTRY.tiers[1], strategic: REGISTRY.tiers[2] };

/**
 * Per artifact type: its title, description and sections (id, title, description, the tier that
 * first sees it, whether it is required), in the registry's order.
 */
export const ARTIFACTS = deepFreeze(Object.fromEntries(REGISTRY.generation_order.map((model) => [
  model.id,
  {
    id: model.id,
    title: model.title,
    description: model.description,
    sections: model.fields.filter((f) => !f.key.startsWith('_')).map((f) => ({
      id: f.key,
      title: f.title,
      description: f.description,
      tier: sectionTierToTier[f.tier],
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

// Positions the core's indexed calls use: artifact types then record models; tiers.
export const MODEL_INDEX = new Map([...REGISTRY.generation_order, ...REGISTRY.records].map((m, i) => [m.id, i]));
export const TIER_INDEX = new Map(REGISTRY.tiers.map((t, i) => [t, i]));
