// EXPERIMENT, not part of the app: a preload (node --require) that measures what a smaller Inventory state
// would give (README, "Where the store's time goes", item 2) by lowering the app's MAX_REMEMBERED_SALES
// (256) to BENCH_SALES_LOG (default 64, the most checkouts a 64-connection run has in flight). The app's
// compiled module reads it as exports.MAX_REMEMBERED_SALES, so setting it before the host loads the app works.
// Usage: BENCH_HOST_NODE_ARGS="--require bench/src/profile/smallSalesLog.cjs"
'use strict';
const path = require('node:path');
const inventory = require(path.resolve(__dirname, '../../../app/dist/src/domain/inventory.js'));
inventory.MAX_REMEMBERED_SALES = Number(process.env.BENCH_SALES_LOG || 64);
