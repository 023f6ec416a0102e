import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project's folders, found once. This file sits one level below the project root both as source
 * (src/paths.ts, run by tsx) and inside the bundle (dist/main.js, dist/admin.js and the chunks esbuild
 * puts beside them), so the same relative step finds the root in development and in production.
 */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const MIGRATIONS_DIRECTORY = join(PROJECT_ROOT, "migrations");
export const LOCALES_DIRECTORY = join(PROJECT_ROOT, "locales");
export const POLICY_DIRECTORY = join(PROJECT_ROOT, "data", "policy");
export const EXAMPLE_CATALOG_PATH = join(PROJECT_ROOT, "data", "catalog.example.json");
