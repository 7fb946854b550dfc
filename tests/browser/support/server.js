// The browser tests serve pages with the same static server `npm start` uses.
export { serve } from '../../../scripts/static-server.mjs';
