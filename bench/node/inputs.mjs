// The benchmark inputs, shared by the Node benchmark and (as files) the native one: the sample
// plan, a risk log scaled to 1 KB .. 4 MB by repeating prose-heavy risks, and edit pairs.
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';

export const SIZES = { '1KB': 1_000, '16KB': 16_000, '256KB': 256_000, '4MB': 4_000_000 };

/** A valid risk log of about `bytes` bytes of JSON. */
export function scaledRiskLog(bytes) {
  const content = structuredClone(SAMPLE_PLAN.risk_log);
  const pool = [...content.technical_risks, ...content.market_risks, ...content.execution_risks];
  if (bytes < JSON.stringify(content).length) {
    // Smaller than the sample: keep one risk per list and trim the prose.
    for (const key of ['technical_risks', 'market_risks', 'execution_risks']) content[key] = content[key].slice(0, 1);
    delete content.financial_risks;
    delete content.strategic_risks;
    for (const risk of [content.technical_risks[0], content.market_risks[0], content.execution_risks[0]]) {
      risk.description = risk.description.slice(0, 120);
      risk.mitigation = risk.mitigation.slice(0, 100);
    }
    return content;
  }
  let n = 0;
  while (JSON.stringify(content).length < bytes) {
    const risk = structuredClone(pool[n % pool.length]);
    risk.title = `${risk.title} (${n += 1})`;
    content.technical_risks.push(risk);
  }
  return content;
}

/** A second version of `content`: a few prose edits, one item added, one moved. */
export function editedRiskLog(content) {
  const next = structuredClone(content);
  const risks = next.technical_risks;
  risks[0].mitigation = `${risks[0].mitigation} We review it weekly with the pilot shops.`;
  risks[Math.floor(risks.length / 2)].description = risks[Math.floor(risks.length / 2)].description.replace(/\bwe\b/i, 'our team');
  risks.splice(1, 0, { title: 'Supplier API changes', description: 'A supplier changes its ordering API without notice.', severity: 'low', mitigation: 'We keep email ordering as a fallback.' });
  if (risks.length > 4) risks.push(risks.splice(2, 1)[0]);
  next.market_risks[0].severity = next.market_risks[0].severity === 'high' ? 'medium' : 'high';
  return next;
}

/** Two versions of one prose field, about `bytes` long, differing by a few word edits. */
export function prosePair(bytes) {
  const sentences = Object.values(SAMPLE_PLAN).flatMap((content) => Object.values(content))
    .filter((v) => typeof v === 'string');
  let before = '';
  for (let i = 0; before.length < bytes; i += 1) before += `${sentences[i % sentences.length]} `;
  const words = before.split(' ');
  for (let i = 7; i < words.length; i += Math.max(40, Math.floor(words.length / 12))) words[i] = `${words[i]}s`;
  return [before, words.join(' ')];
}

/**
 * Three edits in the lists every scaled risk log has (1 KB included): a longer description, a
 * severity flipped, a longer mitigation.
 */
export function threeEditsInEveryPlan(content) {
  const next = structuredClone(content);
  next.market_risks[0].description = `${next.market_risks[0].description} It grows with every new shop.`;
  next.execution_risks[0].severity = next.execution_risks[0].severity === 'high' ? 'medium' : 'high';
  next.technical_risks[0].mitigation = `${next.technical_risks[0].mitigation} We review it monthly.`;
  return next;
}
