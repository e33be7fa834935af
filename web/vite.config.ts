import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

/**
 * `npm run dev:web` proxies the API, WebSocket and local-only pages to a running `npm start`
 * (GATEWAY_URL, default http://127.0.0.1:3000), so the app can be edited with hot reload.
 */
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [sveltekit()],
  // amazon-chime-sdk-js expects Node's `global`.
  define: { global: 'globalThis' },
  server: {
    fs: { allow: ['..'] },
    proxy: {
      '/api': gateway,
      '/config.json': gateway,
      '/_cognito': gateway,
      '/_outbox': gateway,
      '/_local': gateway,
      '/ws': { target: gateway, ws: true },
      '/_media': { target: gateway, ws: true },
    },
  },
  // No source maps: they would be deployed beside the app and show its source to anyone.
  build: { target: 'es2022', sourcemap: false },
});
