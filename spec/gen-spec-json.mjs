// Writes spec/kubeclusters.openapi.json from the YAML (the source of truth): the mock loads JSON at
// start-up because parsing YAML costs a quarter of a second. A test fails when the two differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const yaml = new URL('./kubeclusters.openapi.yaml', import.meta.url);
writeFileSync(new URL('./kubeclusters.openapi.json', import.meta.url), `${JSON.stringify(parse(readFileSync(yaml, 'utf8')), null, 2)}\n`);
console.log('spec/kubeclusters.openapi.json written');
