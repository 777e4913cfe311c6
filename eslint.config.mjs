// ESLint flat config: typescript-eslint's recommended rules over every TypeScript file we own.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { builtinRules } from "eslint/use-at-your-own-risk";

/** No function longer than this many lines of code (blank and comment lines not counted). */
const MAX_FUNCTION_LINES = { max: 80, skipBlankLines: true, skipComments: true };

/** True for the callback of `describe(…)` (or `describe.only`/`.skip`): a suite that only groups cases. */
function isSuiteCallback(node) {
  const call = node.parent;
  if (call?.type !== "CallExpression" || !call.arguments.includes(node)) return false;
  const callee = call.callee.type === "MemberExpression" ? call.callee.object : call.callee;
  return callee.type === "Identifier" && callee.name === "describe";
}

/**
 * ESLint's max-lines-per-function, except for `describe` callbacks. A suite's callback holds its
 * cases and grows with them, so its length says nothing about any one function; every `it` body,
 * hook and helper in a test stays within the same limit as the source.
 */
const maxLinesOutsideSuites = {
  meta: builtinRules.get("max-lines-per-function").meta,
  create(context) {
    const report = (descriptor) => (isSuiteCallback(descriptor.node) ? undefined : context.report(descriptor));
    return builtinRules.get("max-lines-per-function").create(Object.create(context, { report: { value: report } }));
  },
};

export default tseslint.config(
  { ignores: ["node_modules/**", "policies/node_modules/**", "dist/**", ".tools/**", ".state/**", ".lab/**", "inventory/schema/generated/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always"],
      "no-console": "off",
      "max-lines-per-function": ["error", MAX_FUNCTION_LINES],
    },
  },
  {
    files: ["test/**/*.ts"],
    plugins: { local: { rules: { "max-lines-per-function": maxLinesOutsideSuites } } },
    rules: {
      "max-lines-per-function": "off",
      "local/max-lines-per-function": ["error", MAX_FUNCTION_LINES],
    },
  },
  {
    // A command's face loads its work with require() when it runs, so the others start without it.
    // So does the plan's bench child (the built code) and the loader its generated validators (which may not exist yet).
    files: ["cli/commands/**/*.ts", "scripts/bench/fleet-plan.ts", "inventory/schema/validators.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["bin/**/*.js", "scripts/bench/*.js", "provider/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
