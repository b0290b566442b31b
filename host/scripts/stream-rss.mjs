#!/usr/bin/env node
// Streams a large upload and a large download through the host's HTTP streaming mode (fixtures/http-stream,
// app.setup({ enableHttpStream: true })) and reports the host process's resident memory before, during (peak,
// sampled every 20 ms) and after. Bodies are generated and consumed on the fly on the client side too.
//
//   npm run bench:stream -w host -- [--mb 512]
//
// The host must be built (npm run build -w host). Figures go to host/NOTES.md, not to a timed test.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '512' } } });
const bytes = Number(values.mb) * 1024 * 1024;
const hostRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

export async function startStreamingHost(limitBytes) {
  const child = spawn(process.execPath, [path.join(hostRoot, 'dist/cli/main.js'), '--app', path.join(hostRoot, 'fixtures/http-stream'), '--port', '0', '--data', ':memory:'], {
    env: { ...process.env, FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: String(limitBytes) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      const match = /Host listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1].replace('localhost', '127.0.0.1'));
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${out}`)));
  });
  return { child, url };
}

/** Runs `transfer` while sampling the pid's RSS; returns the peak. */
export async function peakRssDuring(pid, transfer) {
  let peak = rssOf(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 20);
  try {
    const result = await transfer();
    return { peak: Math.max(peak, rssOf(pid)), result };
  } finally {
    clearInterval(timer);
  }
}

/** POSTs `size` bytes, written chunk by chunk as the socket drains (chunked encoding). */
export function upload(url, size) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/api/upload`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c) => (text += c)).on('end', () => resolve({ status: res.statusCode, body: text }));
    });
    req.on('error', reject);
    const block = Buffer.alloc(64 * 1024, 'abcdefghijklmnopqrstuvwxyz');
    let left = size;
    const write = () => {
      while (left > 0) {
        const chunk = left >= block.length ? block : block.subarray(0, left);
        left -= chunk.length;
        if (!req.write(chunk)) return void req.once('drain', write);
      }
      req.end();
    };
    write();
  });
}

/** GETs `size` bytes and counts them without keeping them. */
export function download(url, size) {
  return new Promise((resolve, reject) => {
    http.get(`${url}/api/download/${size}`, (res) => {
      let received = 0;
      res.on('data', (c) => (received += c.length)).on('end', () => resolve({ status: res.statusCode, received })).on('error', reject);
    }).on('error', reject);
  });
}

const mib = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { child, url } = await startStreamingHost(bytes + 1);
  try {
    // warm up: one small request each way, so the baseline includes the loaded library and code paths
    await upload(url, 1024 * 1024);
    await download(url, 1024 * 1024);
    const baseline = rssOf(child.pid);
    const t0 = performance.now();
    const up = await peakRssDuring(child.pid, () => upload(url, bytes));
    const t1 = performance.now();
    const down = await peakRssDuring(child.pid, () => download(url, bytes));
    const t2 = performance.now();
    const uploaded = JSON.parse(up.result.body).bytes;
    if (uploaded !== bytes || down.result.received !== bytes) throw new Error(`transfer incomplete: uploaded ${uploaded}, downloaded ${down.result.received} of ${bytes}`);
    console.log(`body ${mib(bytes)} each way through the host (enableHttpStream)`);
    console.log(`host RSS baseline after warm-up: ${mib(baseline)}`);
    console.log(`upload:   peak RSS ${mib(up.peak)} (+${mib(up.peak - baseline)}), ${((bytes / 1024 / 1024) / ((t1 - t0) / 1000)).toFixed(0)} MiB/s`);
    console.log(`download: peak RSS ${mib(down.peak)} (+${mib(down.peak - baseline)}), ${((bytes / 1024 / 1024) / ((t2 - t1) / 1000)).toFixed(0)} MiB/s`);
  } finally {
    child.kill('SIGTERM');
  }
}
