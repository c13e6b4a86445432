// Writes conformance/REQUIREMENTS.md; a test fails when the committed file differs.
import { writeFileSync } from 'node:fs';
import { renderRequirements } from './requirements-doc.js';

writeFileSync(new URL('../../conformance/REQUIREMENTS.md', import.meta.url), renderRequirements());
console.log('conformance/REQUIREMENTS.md written');
