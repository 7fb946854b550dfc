// The store's argument checks: project ids, artifact types, tiers and section ids.
import { ARTIFACTS, Tier } from '../registry.js';
import { InvalidInputError, UnknownArtifactTypeError, UnknownTierError } from '../errors.js';

/** Tier names, lowest first. */
export const TIERS = Object.values(Tier);

/** UnknownArtifactTypeError unless `type` is one of the five artifact types. */
export function checkType(type) {
  if (typeof type !== 'string' || !(type in ARTIFACTS)) {
    throw new UnknownArtifactTypeError(`Unknown artifact type '${String(type)}'; expected ${Object.keys(ARTIFACTS).join(', ')}`);
  }
}

/** InvalidInputError unless `projectId` is a non-empty string. */
export function checkProject(projectId) {
  if (typeof projectId !== 'string' || projectId === '') {
    throw new InvalidInputError('projectId must be a non-empty string');
  }
}

/** UnknownTierError unless `tier` is absent or a known tier. */
export function checkTier(tier) {
  if (tier !== undefined && !TIERS.includes(tier)) {
    throw new UnknownTierError(`Unknown tier '${String(tier)}'; expected ${TIERS.join(', ')}`);
  }
}

/** The registry's description of one section of `type`, or InvalidInputError. */
export function sectionInfo(type, sectionId) {
  const section = ARTIFACTS[type].sections.find((s) => s.id === sectionId);
  if (!section) {
    throw new InvalidInputError(`'${String(sectionId)}' is not a section of ${type}`);
  }
  return section;
}
