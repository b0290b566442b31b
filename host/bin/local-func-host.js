#!/usr/bin/env node
// The package's bin. It exists before the build (npm links bins at install time, when dist/ is not built
// yet) and runs the compiled CLI.
require('../dist/cli/main.js');
