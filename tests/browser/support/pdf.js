// Reading back a plan PDF (the HTML export printed by Chromium) with poppler-utils, and the checks
// every such PDF must pass: shared by the browser suite (page.pdf) and the server's PDF routes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, GENERATION_ORDER, TIER_TITLES, Tier } from 'cofounder-artifacts';

const BRANDING = 'Powered by Co-Founder';
const ENTRY_TIER = Object.values(Tier)[0];  // the tier that carries the branding

/** The PDF's pages as text (pdftotext), one string per page. */
export function pdfPages(pdf) {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-text-'));
  try {
    const file = join(dir, 'export.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    return text.split('\f').slice(0, -1);  // every page ends with a form feed
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Pages `first`..`last` of the PDF as PNGs (pdftoppm, 50 dpi) in `folder`: `${prefix}-N.png`. */
export function pdfPreview(pdf, folder, prefix, first = 1, last = 3) {
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${prefix}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', String(first), '-l', String(last), file, join(folder, prefix)]);
}

// Text as pdftotext gives it back: line breaks inside a title become spaces.
const flat = (text) => text.replace(/\s+/g, ' ');

/**
 * The checks of a plan PDF at `tier` ({startupName, date}: what the cover must show): the cover
 * shows the startup, the date and the tier's title; the contents name every artifact given;
 * every page says "Page i of N"; the branding is on every page at the entry tier and nowhere
 * above it; every section of the tier is there and none above it. `artifacts`: the types the
 * plan holds (all by default). Returns the pages' text.
 */
export function checkPlanPdf(pdf, { tier, startupName, date, artifacts = GENERATION_ORDER }) {
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const pages = pdfPages(pdf).map(flat);
  const count = pages.length;
  assert.ok(count >= 2 + artifacts.length, `${count} pages`);
  const [cover, contents] = pages;
  for (const shown of [startupName, date, TIER_TITLES[tier]]) {
    assert.ok(cover.includes(shown), `the cover shows ${shown}: ${cover}`);
  }
  for (const type of artifacts) {
    assert.ok(contents.includes(ARTIFACTS[type].title), `the contents name ${type}: ${contents}`);
  }
  pages.forEach((page, i) => {
    assert.ok(page.includes(`Page ${i + 1} of ${count}`), `page ${i + 1} of ${count}: ${page}`);
    assert.equal(page.includes(BRANDING), tier === ENTRY_TIER, `the branding on page ${i + 1} at ${tier}`);
  });
  const body = pages.slice(2).join(' ');
  const tiers = Object.values(Tier);
  for (const type of artifacts) {
    for (const section of ARTIFACTS[type].sections) {
      const shown = tiers.indexOf(section.tier) <= tiers.indexOf(tier);
      assert.equal(body.includes(section.title), shown, `${type}.${section.id} (${section.tier}) at ${tier}`);
    }
  }
  return pages;
}
