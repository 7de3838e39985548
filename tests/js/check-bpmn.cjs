// Reads BPMN files (paths as arguments) with bpmn-moddle and lints them with
// bpmnlint's recommended rules; prints one JSON object per file:
// { file, warnings: [moddle import warnings], reports: [{ rule, id, message, category }] }.
'use strict';
const fs = require('fs');
const BpmnModdle = require('bpmn-moddle');
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

(async () => {
  const out = [];
  for (const file of process.argv.slice(2)) {
    // A linter per file: rules keep state while they walk one file.
    const linter = new Linter({
      config: { extends: 'bpmnlint:recommended' },
      resolver: new NodeResolver(),
    });
    const moddle = new BpmnModdle();
    const { rootElement, warnings } = await moddle.fromXML(fs.readFileSync(file, 'utf8'));
    const results = await linter.lint(rootElement);
    const reports = [];
    for (const [rule, list] of Object.entries(results)) {
      for (const r of list) {
        reports.push({ rule, id: r.id, message: r.message, category: r.category });
      }
    }
    out.push({ file, warnings: warnings.map((w) => w.message), reports });
  }
  console.log(JSON.stringify(out));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
