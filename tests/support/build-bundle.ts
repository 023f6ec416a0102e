import { spawnSync } from "node:child_process";
import { PROJECT_ROOT } from "../../src/paths";

/**
 * vitest's global setup: the process tests run `dist/main.js` as `npm start` does, so the bundle is
 * built once before any test file runs (two files building it at once would race on dist/).
 */
export default function buildBundle(): void {
  const build = spawnSync("npm", ["run", "--silent", "build"], { cwd: PROJECT_ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stderr}`);
}
