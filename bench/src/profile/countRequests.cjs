// Preload for the host (node --require): counts the HTTP requests its server receives, by route shape, and
// prints them when the process exits. Shows how many loopback calls (durable client API) one public request
// costs. Usage: BENCH_HOST_NODE_ARGS="--require bench/src/profile/countRequests.cjs" [COUNT_REQUESTS_OUT=file]
'use strict';
const http = require('node:http');
const counts = new Map();
const shape = (url) => url.split('?')[0].replace(/[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '{id}').replace(/\/(customer|buyer|warm|orch)[0-9]*-[0-9]+/g, '/{user}').replace(/\/(limited|warm|signalled|sold)-[0-9]+/g, '/{item}').replace(/@[^/]+/g, '@{key}');
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, ...rest) {
  if (event === 'request') {
    const key = `${req.method} ${shape(req.url)}`;
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return emit.call(this, event, req, ...rest);
};
process.on('exit', () => {
  const rows = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const text = `requests received by the host:\n${rows.map(([k, n]) => `${String(n).padStart(9)}  ${k}`).join('\n')}\n`;
  if (process.env.COUNT_REQUESTS_OUT) require('node:fs').writeFileSync(process.env.COUNT_REQUESTS_OUT, text);
  else process.stderr.write(text);
});
