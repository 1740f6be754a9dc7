// Flat config: typescript-eslint's recommended rules over src/, test/ and scripts/.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "out/**", "node_modules/**", "media/dist/**", "**/*.js", "**/*.mjs", "!scripts/*.mjs", "!eslint.config.mjs", "**/*.cjs", "!test/*.cjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-constant-condition": ["error", { checkLoops: false }],
    },
  },
  {
    // The scripts are JavaScript run by node; `tsc -p tsconfig.scripts.json` checks their
    // names and types (// @ts-check), so no-undef would only repeat it without node's globals.
    files: ["scripts/*.mjs", "test/*.cjs", "eslint.config.mjs"],
    rules: { "no-undef": "off", "@typescript-eslint/no-require-imports": "off" },
  },
);
