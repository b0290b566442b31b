// Preloaded with --require: makes process.versions.node say 20.11.1, for machines without an old Node.
Object.defineProperty(process.versions, 'node', { value: '20.11.1' });
