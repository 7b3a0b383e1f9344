/**
 * Vite config of the local app. `base: "./"` so the built files also work as plain static files;
 * workers are ES modules; no module preload polyfill (it would inject an inline script, which the CSP
 * forbids). Build: `vite build web` → web/dist (served by `survinfer app`).
 */
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4000,
  },
  worker: { format: "es" },
  server: { host: "127.0.0.1" },
});
