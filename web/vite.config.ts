// The storefront's build: React through the official plugin, one entry (index.html), output in dist/.
// `npm run dev -w web` proxies /api and /.auth to a running host (npm start) on :7071.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: {
    proxy: { '/api': 'http://localhost:7071', '/.auth': 'http://localhost:7071' },
  },
});
