import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Type-aware lint: promises that nobody awaits or that are passed where a callback's result is
 * ignored lose errors silently in a bot (a failed send becomes an unhandled rejection), and a switch
 * over a union must name every case so a new booking state cannot slip through. The layering rule
 * lives in .dependency-cruiser.cjs.
 */
export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "data/", "migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // An async implementation of an interface method need not await anything.
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // Tests read JSON the bot produced (data copies, recorded payloads) and assert on its shape.
    files: ["tests/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
    },
  },
  { files: ["**/*.cjs", "**/*.js"], extends: [tseslint.configs.disableTypeChecked], languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly", process: "readonly" } } },
  { files: ["eslint.config.js"], languageOptions: { sourceType: "module" } },
);
