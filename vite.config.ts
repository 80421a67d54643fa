import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The web app lives in web/; the build lands in dist/web, which the server serves
 * (index.html for every non-/api path). In development `vite` proxies /api to the server.
 */
export default defineConfig({
  root: 'web',
  plugins: [react()],
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
