// EXPERIMENT, not part of the host: a preload (node --require) that measures what the host would gain by
// serving the durable client in-process (README, "Where the store's time goes", item 1). It installs an axios
// adapter on the axios that durable-functions uses; a client call to the host's own origin is handed to the
// host's HTTP request listener as an in-memory request/response pair (no socket, no TCP, no HTTP parsing of
// the request), and the response bytes the listener writes are decoded back into an axios response.
// Usage: BENCH_HOST_NODE_ARGS="--require bench/src/profile/inProcessDurableClient.cjs"
'use strict';
const http = require('node:http');
const path = require('node:path');
const { Duplex } = require('node:stream');

let listener;
let origin;
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (...args) {
  this.once('listening', () => {
    const address = this.address();
    if (!listener && address && typeof address === 'object') {
      listener = this.listeners('request')[0];
      origin = `http://127.0.0.1:${address.port}`;
    }
  });
  return listen.apply(this, args);
};

/** A socket that only collects what the response writes. */
class MemorySocket extends Duplex {
  constructor() {
    super();
    this.chunks = [];
    this.remoteAddress = '127.0.0.1';
    this.remotePort = 0;
    this.localAddress = '127.0.0.1';
    this.encrypted = false;
  }
  _read() {}
  _write(chunk, _encoding, callback) {
    this.chunks.push(Buffer.from(chunk));
    callback();
  }
  setTimeout() { return this; }
  setNoDelay() { return this; }
  setKeepAlive() { return this; }
}

function decodeResponse(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, split).toString('latin1').split('\r\n');
  let body = raw.subarray(split + 4);
  const status = Number(head[0].split(' ')[1]);
  const headers = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  if (/chunked/i.test(headers['transfer-encoding'] || '')) {
    const parts = [];
    let at = 0;
    for (;;) {
      const eol = body.indexOf('\r\n', at);
      const size = parseInt(body.subarray(at, eol).toString('latin1'), 16);
      if (!size) break;
      parts.push(body.subarray(eol + 2, eol + 2 + size));
      at = eol + 2 + size + 2;
    }
    body = Buffer.concat(parts);
    delete headers['transfer-encoding'];
  }
  return { status, headers, body: body.toString('utf8') };
}

function inject(method, url, headers, data) {
  return new Promise((resolve, reject) => {
    const socket = new MemorySocket();
    const req = new http.IncomingMessage(socket);
    req.method = method;
    req.url = url;
    req.httpVersionMajor = 1;
    req.httpVersionMinor = 1;
    req.httpVersion = '1.1';
    req.headers = headers;
    req.rawHeaders = Object.entries(headers).flat();
    if (data !== undefined && data !== null && data !== '') req.push(Buffer.from(data));
    req.push(null);
    req.complete = true;
    const res = new http.ServerResponse(req);
    res.assignSocket(socket);
    res.once('finish', () => {
      try {
        resolve(decodeResponse(Buffer.concat(socket.chunks)));
      } catch (error) {
        reject(error);
      }
      res.detachSocket(socket);
      res.emit('close');
    });
    listener(req, res);
  });
}

const dfDir = path.dirname(require.resolve('durable-functions/package.json', { paths: [process.cwd()] }));
const axios = require(require.resolve('axios', { paths: [dfDir] }));
const fallback = axios.getAdapter(axios.defaults.adapter);
axios.defaults.adapter = async (config) => {
  const full = new URL(axios.getUri(config));
  if (!listener || full.origin !== origin) return fallback(config);
  const headers = { host: full.host };
  for (const [key, value] of Object.entries(config.headers.toJSON ? config.headers.toJSON() : config.headers)) {
    if (value !== undefined && value !== null && value !== false) headers[key.toLowerCase()] = String(value);
  }
  if (typeof config.data === 'string') headers['content-length'] = String(Buffer.byteLength(config.data));
  const answer = await inject(config.method.toUpperCase(), full.pathname + full.search, headers, config.data);
  return { data: answer.body, status: answer.status, statusText: '', headers: answer.headers, config, request: {} };
};
