import { defaultClientConditions, defineConfig } from "vite";

// The API serves the built console: index.html at `/` and under `/console/`, hashed files under
// `/console/assets/` (cached for good). Vite's esbuild compiles TSX; no React plugin needed.
export default defineConfig({
  base: "/console/",
  esbuild: { jsx: "automatic" },
  // Pure workspace packages (e.g. @pier/placement-core's sizes) compile from their sources.
  resolve: { conditions: ["source", ...defaultClientConditions] },
  build: { outDir: "dist", assetsDir: "assets", target: "es2022", sourcemap: false, reportCompressedSize: true },
  // Dev server: the console under /console/, everything else goes to a local Pier API.
  server: { proxy: { "^/(?!console)": "http://127.0.0.1:5000" } },
});
