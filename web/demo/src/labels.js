// How tiers and sections are named on screen: the registry's titles.
import { ARTIFACTS, TIER_TITLES } from 'cofounder-artifacts';

export function tierLabel(tier) {
  return TIER_TITLES[tier] ?? tier;
}

/** A section's title (its id when the registry has none; null: the whole artifact). */
export function sectionTitle(type, sectionId) {
  if (sectionId === null || sectionId === undefined) return 'the whole artifact';
  return ARTIFACTS[type]?.sections.find((section) => section.id === sectionId)?.title ?? sectionId;
}
