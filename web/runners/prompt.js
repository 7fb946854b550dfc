// The default prompt: the AI co-founder writes one artifact of the plan in our shared "we" voice,
// as rich as the tier (its sections, from the registry), from what the founder told us (the
// context) and the artifacts already written (the chain so far, as JSON). A runner's
// `buildMessages` option replaces it.
import { ARTIFACTS, GENERATION_ORDER, TIER_TITLES, sectionsFor } from '../registry.js';

const SYSTEM = [
  'You are the founder\'s AI co-founder. We are building this startup together, from the first idea to a plan we can execute.',
  'You write the documents of our startup plan in our shared voice: "we" and "our", never "the founder" or "the user".',
  'Be concrete and specific to our idea, our users and our constraints; no filler, no placeholders, no generic advice.',
  'Every later document builds on the earlier ones: keep names, numbers and decisions consistent with them and refer to them by name.',
  'Answer with the JSON object the response schema describes, and nothing else.',
].join(' ');

// `startup_name` -> `Startup name`.
const humanise = (key) => key.replace(/[_-]+/g, ' ').replace(/^\s*(\w)/, (first) => first.toUpperCase());

function contextLines(context) {
  const lines = [];
  for (const [key, value] of Object.entries(context ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    lines.push(`${humanise(key)}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  return lines;
}

function sectionLines(type, tier) {
  const visible = new Set(sectionsFor(type, tier));
  return ARTIFACTS[type].sections.filter((section) => visible.has(section.id)).map((section) =>
    `- ${section.id} (${section.title}; ${section.required ? 'required' : 'optional, but write it'}): ${section.description}`);
}

// An earlier artifact as JSON: its sections in the registry's order (the stored version stamp and
// anything unknown left out); text is taken as it is.
function artifactJson(type, content) {
  if (typeof content !== 'object') return String(content);
  const sections = {};
  for (const { id } of ARTIFACTS[type].sections) if (content[id] !== undefined) sections[id] = content[id];
  return JSON.stringify(sections);
}

function priorLines(priorArtifacts) {
  const lines = [];
  for (const type of GENERATION_ORDER) {
    const content = priorArtifacts?.[type];
    if (content === undefined || content === null) continue;
    lines.push(`### ${ARTIFACTS[type].title} (${type})`, artifactJson(type, content), '');
  }
  return lines;
}

/**
 * The default messages for one artifact: `{system, messages: [{role: 'user', content}]}`.
 * @param {{type: string, context?: object, priorArtifacts?: object, tier?: string, schema?: object}} request
 */
export function buildArtifactMessages({ type, context = {}, priorArtifacts = {}, tier }) {
  const artifact = ARTIFACTS[type];
  const richness = tier === undefined
    ? 'We write every section of it.'
    : `We are on the ${TIER_TITLES[tier]} plan, so we write exactly these sections, no others.`;
  const about = contextLines(context);
  const prior = priorLines(priorArtifacts);
  const text = [
    `Let's write our ${artifact.title}: ${artifact.description}`,
    '',
    richness,
    ...sectionLines(type, tier),
    '',
    'What we know about our startup so far:',
    ...(about.length > 0 ? about : ['(nothing yet beyond this request: make sensible, clearly reasoned choices)']),
    '',
    ...(prior.length > 0
      ? ['The documents we have already written, as JSON (this one builds on them):', '', ...prior]
      : ['This is the first document of our plan.', '']),
    `Now write our ${artifact.title} as one JSON object.`,
  ].join('\n');
  return { system: SYSTEM, messages: [{ role: 'user', content: text }] };
}
