// node:sqlite (the durable store) makes Node print "ExperimentalWarning: SQLite is an experimental feature"
// on every start, on stderr, where a start-up failure must be the only line. Node emits warnings on a later
// tick, so replacing the default printer here, before the store module is used, is early enough.
// Every other warning is still printed the way Node prints it.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name === 'ExperimentalWarning' && /SQLite/i.test(warning.message)) return;
  console.error(`(node:${process.pid}) ${warning.name}: ${warning.message}`);
});
