import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compressAssets } from './scripts/compress-assets.mjs';

/** After a build, brotli and gzip siblings of every text asset (served as they are by the server). */
function precompress() {
  return {
    name: 'techtransfer-precompress',
    apply: 'build' as const,
    closeBundle() {
      compressAssets('dist/web');
    },
  };
}

/**
 * The web app lives in web/; the build lands in dist/web, which the server serves
 * (index.html for every non-/api path). In development `vite` proxies /api to the server.
 */
export default defineConfig({
  root: 'web',
  plugins: [react(), precompress()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Stable vendor chunks: cached across releases, shared by every lazy page.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 30 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
      '/docs': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
