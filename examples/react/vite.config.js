// The example built inside this repository: 'cofounder-artifacts' and its subpaths resolve through
// the package's own `exports` map (as in web/demo/). Copied elsewhere next to an installed package,
// the example needs no config at all. Vite 8 compiles .tsx itself (Oxc, React's automatic JSX
// runtime): no @vitejs/plugin-react is needed to build (it would add Fast Refresh in dev).
import { defineConfig } from 'vite';
import { inRepository } from '../../scripts/vite-in-repository.mjs';

export default defineConfig(inRepository(new URL('.', import.meta.url), 'react-example'));
