// The product brief with inline editing: every keystroke is validated by the wasm core, errors are
// shown under the section, and Save is enabled only for a valid value.
import { useMemo, useState } from 'react';
import { ARTIFACTS } from 'cofounder-artifacts';
import type { ArtifactSectionMap, ProductBriefContent } from 'cofounder-artifacts';
import { useArtifact, useValidation } from 'cofounder-artifacts/react';

type BriefSection = ArtifactSectionMap['brief'];
type Draft = { section: BriefSection; text: string };

// A string section is edited as text, any other as JSON.
function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

function read(content: ProductBriefContent, draft: Draft): { value?: unknown; problem?: string } {
  if (typeof content[draft.section] === 'string') return { value: draft.text };
  try {
    return { value: JSON.parse(draft.text) };
  } catch (error) {
    return { problem: `Not JSON: ${(error as Error).message}` };
  }
}

export function BriefEditor({ projectId }: { projectId: string }) {
  const brief = useArtifact(projectId, 'brief');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const content = brief.record?.current_content ?? null;
  const parsed = useMemo(() => (draft && content ? read(content, draft) : null), [draft, content]);
  const candidate = parsed && 'value' in parsed && content ? { ...content, [draft!.section]: parsed.value } : undefined;
  const result = useValidation('brief', candidate, { tier: 'partner' });

  if (brief.status !== 'ready') return <section data-testid="brief">Brief: {brief.status}</section>;
  if (!content) return <section data-testid="brief">No brief yet.</section>;
  const errors = parsed?.problem ? [parsed.problem]
    : (result?.errors ?? []).filter((issue) => issue.loc[0] === draft?.section).map((issue) => issue.msg);

  const save = async () => {
    if (!draft || !parsed || !('value' in parsed)) return;
    try {
      await brief.editSection(draft.section, parsed.value, { tier: 'partner' });
      setDraft(null);
      setSaveError(null);
    } catch (error) {
      setSaveError((error as Error).message);
    }
  };

  return (
    <section data-testid="brief">
      <h2>{ARTIFACTS.brief.title} <small>v{brief.record!.version_number}</small></h2>
      {ARTIFACTS.brief.sections.map(({ id, title }) => {
        const section = id as BriefSection;
        if (!(section in content)) return null;
        const edited = brief.record!.edited_sections?.includes(section);
        return (
          <div key={id} data-section={id}>
            <h3>{title}{edited ? <em> · edited</em> : null}</h3>
            {draft?.section === section ? (
              <>
                <textarea aria-label={title} value={draft.text} rows={4}
                  onChange={(event) => setDraft({ section, text: event.target.value })} />
                {errors.map((message) => <p key={message} role="alert">{message}</p>)}
                <button type="button" disabled={!result?.ok || errors.length > 0} onClick={save}>Save</button>
                <button type="button" onClick={() => setDraft(null)}>Cancel</button>
                {saveError && <p role="alert">{saveError}</p>}
              </>
            ) : (
              <>
                <pre data-value>{show(content[section])}</pre>
                <button type="button" onClick={() => setDraft({ section, text: show(content[section]) })}>Edit {title}</button>
              </>
            )}
          </div>
        );
      })}
    </section>
  );
}
