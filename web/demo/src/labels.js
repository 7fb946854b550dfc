// How tiers are named on screen.
const TIER_LABELS = { bootstrapper: 'Bootstrapper', partner: 'Partner', cto_scale: 'CTO Scale' };

export function tierLabel(tier) {
  return TIER_LABELS[tier] ?? tier;
}
