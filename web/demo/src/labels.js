// How tiers are named on screen: the registry's titles.
import { TIER_TITLES } from 'cofounder-artifacts';

export function tierLabel(tier) {
  return TIER_TITLES[tier] ?? tier;
}
